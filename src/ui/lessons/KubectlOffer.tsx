/** A kubectl command the step asks for: shown to copy (and, once the console registers its hook, to put in the console). */
import { useState } from 'react';
import { useConsoleHook } from './console-hook';

export function KubectlOffer({ command }: { command: string }) {
  const prefill = useConsoleHook((s) => s.prefill);
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(command);
      setCopied('Copied.');
    } catch {
      setCopied('Could not copy: select the command and copy it.');
    }
  };
  return (
    <div className="lesson-kubectl">
      <p className="muted">With kubectl:</p>
      <code className="lesson-command" aria-label="kubectl command">
        {command}
      </code>
      <div className="lesson-kubectl-buttons">
        <button type="button" onClick={() => void copy()}>
          Copy command
        </button>
        {prefill && (
          <button type="button" onClick={() => prefill(command)}>
            Put it in the console
          </button>
        )}
        <span role="status" className="muted">
          {copied}
        </span>
      </div>
    </div>
  );
}
