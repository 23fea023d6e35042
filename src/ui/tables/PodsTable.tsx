import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatCountdown, formatSimTime, simMsOf } from '../format';
import { podReadyStatus } from '../kube';
import { isSelected, select } from '../selection';
import { useSim } from '../store';
import type { ScheduledEviction } from '../../protocol/messages';
import type { Pod } from '../../sim/api/types';
import { None } from './None';
import { StatusText } from './StatusText';

export function PodsTable() {
  const keys = useSim(useShallow((s) => [...s.cluster.pods.keys()].sort()));
  return (
    <section aria-labelledby="pods-heading" className="panel">
      <div className="panel-head">
        <h2 id="pods-heading">Pods</h2>
        <p className="muted">{keys.length} pods</p>
      </div>
      <div className="table-wrap">
        <table aria-labelledby="pods-heading">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Node</th>
              <th scope="col">Phase</th>
              <th scope="col">Ready</th>
              <th scope="col">Deletion</th>
            </tr>
          </thead>
          <tbody>
            {keys.map((key) => (
              <PodRow key={key} podKey={key} />
            ))}
          </tbody>
        </table>
      </div>
      {keys.length === 0 && <p className="muted">No pods.</p>}
    </section>
  );
}

const PodRow = memo(function PodRow({ podKey }: { podKey: string }) {
  const pod = useSim((s) => s.cluster.pods.get(podKey));
  const eviction = useSim((s) => s.evictions.byPod.get(podKey));
  const clock = useSim((s) => s.clock);
  const [namespace = 'default', podName = podKey] = podKey.split('/');
  const selected = useSim((s) => isSelected(s, 'Pod', podName, namespace));
  if (!pod) return null;
  const name = pod.metadata.namespace === 'default' ? pod.metadata.name : podKey;
  return (
    <tr className={selected ? 'selected' : undefined}>
      <th scope="row" className="mono">
        <button
          type="button"
          className="link"
          aria-pressed={selected}
          onClick={() => select({ kind: 'Pod', namespace: pod.metadata.namespace ?? 'default', name: pod.metadata.name })}
        >
          {name}
        </button>
      </th>
      <td className="mono">{pod.spec.nodeName ?? <None />}</td>
      <td>{pod.status.phase ?? 'Pending'}</td>
      <td>
        <StatusText status={podReadyStatus(pod)} />
      </td>
      <td>
        <Deletion pod={pod} eviction={eviction} nowMs={clock.nowMs} epochMs={clock.epochMs} />
      </td>
    </tr>
  );
});

function Deletion({ pod, eviction, nowMs, epochMs }: { pod: Pod; eviction: ScheduledEviction | undefined; nowMs: number; epochMs: number }) {
  const deadlineMs = simMsOf(pod.metadata.deletionTimestamp, epochMs);
  if (deadlineMs !== undefined) {
    const detail =
      nowMs < deadlineMs ? `grace period ends in ${formatCountdown(deadlineMs - nowMs)}` : `${formatSimTime(nowMs - deadlineMs)} past its grace period`;
    return (
      <span>
        <span className="status status-bad">Terminating</span> <span className="muted">({detail})</span>
      </span>
    );
  }
  if (eviction) return <span className="status status-warn">evicted in {formatCountdown(eviction.fireAtMs - nowMs)}</span>;
  return <None />;
}
