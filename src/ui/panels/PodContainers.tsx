import type { Pod } from '../../sim/api/types';
import { formatSimTime, simMsOf } from '../format';
import { useSim } from '../store';
import { None } from '../tables/None';

type ContainerStatus = NonNullable<Pod['status']['containerStatuses']>[number];

/** "Running since t = 25s", "Waiting: CrashLoopBackOff", "Terminated: Error (exit 1)", as `kubectl describe pod` says them. */
function stateText(state: ContainerStatus['state'], at: (t: string | undefined) => string | undefined): string {
  if (state?.running) {
    const since = at(state.running.startedAt);
    return since ? `Running since t = ${since}` : 'Running';
  }
  if (state?.waiting) return `Waiting: ${state.waiting.reason ?? 'unknown'}`;
  if (state?.terminated) return `Terminated: ${state.terminated.reason ?? 'unknown'} (exit ${state.terminated.exitCode})`;
  return 'Waiting';
}

/** A pod's containers: state, readiness, restart count and how the last run ended (status.containerStatuses). */
export function PodContainers({ pod }: { pod: Pod }) {
  const epochMs = useSim((s) => s.clock.epochMs);
  const at = (t: string | undefined) => {
    const ms = simMsOf(t, epochMs);
    return ms === undefined ? undefined : formatSimTime(ms);
  };
  const statuses = new Map((pod.status.containerStatuses ?? []).map((s) => [s.name, s]));
  return (
    <>
      <h3>Containers</h3>
      <div className="table-wrap">
        <table className="inspector-table" aria-label="Containers">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">State</th>
              <th scope="col">Ready</th>
              <th scope="col">Restarts</th>
              <th scope="col">Last exit</th>
            </tr>
          </thead>
          <tbody>
            {pod.spec.containers.map((c) => {
              const s = statuses.get(c.name);
              const last = s?.lastState?.terminated;
              const lastAt = at(last?.finishedAt);
              return (
                <tr key={c.name}>
                  <th scope="row">{c.name}</th>
                  <td data-label="state">{stateText(s?.state, at)}</td>
                  <td data-label="ready">{s ? <span className={`status status-${s.ready ? 'ok' : 'bad'}`}>{s.ready ? 'Ready' : 'Not ready'}</span> : <None />}</td>
                  <td className="num" data-label="restarts">
                    {s?.restartCount ?? 0}
                  </td>
                  <td className="reason" data-label="last exit">{last ? `${last.reason ?? 'unknown'} (exit ${last.exitCode})${lastAt ? ` at t = ${lastAt}` : ''}` : <None />}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
