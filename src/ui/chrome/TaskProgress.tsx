import { useEffect, useRef } from 'react';
import { useSim } from '../store';
import { sendCommand } from '../sim-client';

const grouped = (n: number) => n.toLocaleString('en-US');

/**
 * The worker's long task (booting a big cluster) as a progress bar with its
 * count in words, and Cancel, which keeps the cluster shown before it (or
 * boots the default one when there was none). At the top, where the worker
 * alert is; Cancel takes focus so Enter or Escape stops it at once.
 */
export function TaskProgress() {
  const task = useSim((s) => s.task);
  const cancel = useRef<HTMLButtonElement>(null);
  const running = task !== null;
  useEffect(() => {
    if (running) cancel.current?.focus();
  }, [running]);
  if (!task) return null;
  const percent = Math.floor((100 * task.done) / Math.max(1, task.total));
  const words = `${grouped(task.done)} of ${grouped(task.total)} ${task.unit} (${percent} %)`;
  return (
    <div className="banner task-progress" role="region" aria-label={task.label}>
      <label htmlFor="task-progress-bar">
        <strong>{task.label}…</strong> <span className="task-progress-count">{words}</span>
      </label>
      <progress id="task-progress-bar" max={task.total} value={task.done} aria-valuetext={words} />
      <button
        ref={cancel}
        type="button"
        onClick={() => sendCommand({ type: 'cancel' })}
        onKeyDown={(event) => {
          if (event.key === 'Escape') sendCommand({ type: 'cancel' });
        }}
      >
        Cancel
      </button>
    </div>
  );
}
