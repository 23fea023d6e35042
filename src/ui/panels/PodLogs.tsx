import { useState } from 'react';
import type { Pod } from '../../sim/api/types';
import { formatSimTime } from '../format';
import { sendCommand } from '../sim-client';
import { useSim } from '../store';
import { ContainerPicker } from './ContainerPicker';

/**
 * A pod's Logs section: `kubectl logs` at the instant shown, read through
 * the worker (API server → the node's kubelet), so an unreachable node gives
 * the error kubectl prints. Lines are read on request, not streamed.
 */
export function PodLogs({ pod }: { pod: Pod }) {
  const namespace = pod.metadata.namespace ?? 'default';
  const names = pod.spec.containers.map((c) => c.name);
  const [container, setContainer] = useState(names[0] ?? '');
  const [previous, setPrevious] = useState(false);
  const logs = useSim((s) => s.inspector.logs);
  const read = () => sendCommand({ type: 'container-logs', namespace, pod: pod.metadata.name, container, previous });
  const shown = logs && logs.pod === pod.metadata.name && logs.namespace === namespace ? logs : null;
  const command = `kubectl logs ${namespace === 'default' ? '' : `-n ${namespace} `}${pod.metadata.name}${names.length > 1 ? ` -c ${container}` : ''}${previous ? ' --previous' : ''}`;
  return (
    <section aria-labelledby="logs-heading" className="pod-logs">
      <h3 id="logs-heading">Logs</h3>
      <div className="logs-controls">
        <ContainerPicker names={names} value={container} onChange={setContainer} />
        <label>
          <input type="checkbox" checked={previous} onChange={(e) => setPrevious(e.target.checked)} /> Previous run
        </label>
        <button type="button" className="small" onClick={read}>
          {shown ? 'Read again' : 'Read logs'}
        </button>
      </div>
      {shown && (
        <div role="status" aria-live="polite">
          <p className="muted">
            <code>{command}</code> at t = {formatSimTime(shown.atMs)}
          </p>
          {shown.result.ok ? (
            shown.result.lines.length === 0 ? (
              <p className="muted">No log lines.</p>
            ) : (
              <pre className="log-lines" tabIndex={0} aria-label={`Log of ${shown.container ?? names[0]}`}>
                {shown.result.lines.map((l) => l.text).join('\n')}
              </pre>
            )
          ) : (
            <p className="log-error">
              Error from server{shown.result.error.reason ? ` (${shown.result.error.reason})` : ''}: {shown.result.error.message}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
