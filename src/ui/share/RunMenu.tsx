/**
 * The header's run controls: copy a share link, export the run as a
 * scenario file, start over with a new cluster; and the one-line notice
 * about links, saved sessions and exports.
 */
import { useState } from 'react';
import { openDefaultCluster } from '../actions';
import { sendCommand } from '../sim-client';
import { clearSelection } from '../selection';
import { encodeLink, LinkTooLong } from './link-codec';
import { startOver } from './persist';
import { currentRunState, dismissNotice, showNotice, useShare } from './share-store';
import './share.css';

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

function linkBase(): string {
  return window.location.href.replace(/#.*$/, '');
}

export function RunMenu() {
  const [link, setLink] = useState<string | null>(null);
  const booted = useShare((s) => s.boot !== null);
  const added = useShare((s) => s.addedExpectations.length);

  const share = async () => {
    const state = currentRunState();
    if (!state) return;
    try {
      const url = encodeLink(state, linkBase());
      setLink(url);
      const copied = await copy(url);
      showNotice(copied ? `Link copied (${url.length.toLocaleString('en')} characters).` : 'Copy the link from the box below.');
    } catch (error) {
      setLink(null);
      showNotice(error instanceof LinkTooLong ? error.message : `Could not make a link: ${String(error)}`, 'problem');
    }
  };
  const newCluster = () => {
    if (!window.confirm('Start over with a new default cluster? The saved session and the recorded actions are dropped.')) return;
    setLink(null);
    clearSelection();
    void startOver().then(() => {
      openDefaultCluster();
      showNotice('Started over with a new default cluster.');
    });
  };

  return (
    <div className="run-menu" role="group" aria-label="Run">
      <button type="button" onClick={() => void share()} disabled={!booted}>
        Share link
      </button>
      <button type="button" onClick={() => sendCommand({ type: 'export-run' })} disabled={!booted}>
        Export run{added > 0 ? ` (+${added} expected)` : ''}
      </button>
      <button type="button" onClick={newCluster} disabled={!booted}>
        New cluster
      </button>
      {link && (
        <label className="share-link">
          <span className="visually-hidden">Share link</span>
          <input type="text" readOnly value={link} onFocus={(e) => e.currentTarget.select()} aria-label="Share link" />
        </label>
      )}
      <RunNotice />
    </div>
  );
}

/** Two live regions that always exist, so a notice is announced when it appears: problems at once, the rest politely. */
function RunNotice() {
  const notice = useShare((s) => s.notice);
  const body = (tone: 'info' | 'problem') =>
    notice?.tone === tone && (
      <>
        <span>{notice.text}</span>
        <button type="button" onClick={dismissNotice} aria-label="Dismiss the notice">
          ×
        </button>
      </>
    );
  return (
    <>
      <div className="run-notice" role="status" data-shown={notice?.tone === 'info' || undefined}>
        {body('info')}
      </div>
      <div className="run-notice" role="alert" data-tone="problem" data-shown={notice?.tone === 'problem' || undefined}>
        {body('problem')}
      </div>
    </>
  );
}
