/**
 * The last Apply / Dry run / Delete, one line per document as kubectl
 * prints it (`deployment.apps/web created`, `deployment.apps "web" deleted`,
 * the API server's error text), and for a dry run the diff as kubectl diff
 * prints it. A polite live region: the outcome is read out once.
 */
import { useEffect, useRef } from 'react';
import type { EditorDocumentResult, EditorResultFrame } from '../../protocol/messages';
import { useEditor } from './editor-state';

const OP_TITLE: Record<EditorResultFrame['op'], string> = { apply: 'Apply', 'dry-run': 'Dry run', delete: 'Delete', validate: 'Check' };

function DiffText({ diff }: { diff: string }) {
  if (diff === '') return <p className="muted">No differences: the live object is already this.</p>;
  const lines = diff.replace(/\n$/, '').split('\n');
  return (
    <pre className="editor-diff" tabIndex={0} aria-label="kubectl diff">
      {lines.map((line, i) => {
        const kind = line.startsWith('+++') || line.startsWith('---') || line.startsWith('diff ') ? 'head' : line.startsWith('@@') ? 'hunk' : line.startsWith('+') ? 'add' : line.startsWith('-') ? 'del' : 'same';
        return (
          <span key={i} className={`diff-${kind}`}>
            {line}
            {'\n'}
          </span>
        );
      })}
    </pre>
  );
}

function DocumentResult({ doc, dryRun, goTo }: { doc: EditorDocumentResult; dryRun: boolean; goTo: (line: number, column: number) => void }) {
  const problem = doc.problems[0];
  return (
    <li className={`editor-result editor-result-${doc.outcome}`}>
      <span className={`editor-badge editor-badge-${doc.outcome === 'error' ? 'error' : 'ok'}`}>{doc.outcome === 'error' ? 'Error' : 'OK'}</span>{' '}
      <span className="editor-result-line">{doc.line}</span>
      {problem ? (
        <>
          {' '}
          <button type="button" className="link mono" onClick={() => goTo(problem.line, problem.column)}>
            go to line {problem.line}
          </button>
        </>
      ) : null}
      {dryRun && doc.diff !== undefined ? <DiffText diff={doc.diff} /> : null}
    </li>
  );
}

export function EditorResults({ goTo }: { goTo: (line: number, column: number) => void }) {
  const result = useEditor((s) => s.result);
  const stopped = useEditor((s) => s.stopped);
  const shown = result?.documents.filter((d) => d.outcome !== 'empty') ?? [];
  const section = useRef<HTMLElement>(null);
  // A short panel puts the answer below the fold: bring it up (without moving focus).
  useEffect(() => {
    if (result) section.current?.scrollIntoView({ block: 'nearest' });
  }, [result]);
  return (
    <section className="editor-results" aria-labelledby="editor-results-heading" ref={section}>
      <h3 id="editor-results-heading">{result ? `${OP_TITLE[result.op]} result` : 'Result'}</h3>
      <div role="status" aria-live="polite">
        {stopped ? (
          <p className="editor-result-error">
            <span className="editor-badge editor-badge-error">Error</span> {stopped}
          </p>
        ) : !result ? (
          <p className="muted">Apply, Dry run or Delete to see what the API server says.</p>
        ) : result.error ? (
          <p className="editor-result-error">
            <span className="editor-badge editor-badge-error">Error</span> error: {result.error}
          </p>
        ) : shown.length === 0 ? (
          <p className="muted">{result.op === 'apply' ? 'error: no objects passed to apply' : 'The editor holds no objects.'}</p>
        ) : (
          <ul className="plain editor-result-list">
            {shown.map((doc) => (
              <DocumentResult key={doc.index} doc={doc} dryRun={result.op === 'dry-run'} goTo={goTo} />
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
