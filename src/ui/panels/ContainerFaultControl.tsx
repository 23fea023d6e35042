import { useId, useState, type FormEvent } from 'react';
import type { SimAction } from '../../protocol/messages';
import type { Pod } from '../../sim/api/types';
import { act } from '../actions';
import { ContainerPicker } from './ContainerPicker';

type ContainerFaultKind = Extract<SimAction, { do: 'container-fault' }>['fault'];

const FAULTS: { value: ContainerFaultKind; label: string; effect: string }[] = [
  { value: 'crash', label: 'Crash', effect: 'the process exits with code 1; the kubelet restarts it, backing off 10 s, 20 s, 40 s … on repeated crashes.' },
  { value: 'hang', label: 'Hang', effect: 'it stops answering probes; a liveness probe gets it killed and restarted after failureThreshold failures.' },
  { value: 'unready', label: 'Unready', effect: 'its readiness probe fails; the pod leaves its Services’ endpoints, nothing restarts.' },
];

/**
 * "Make a container fail": the container-fault action for a running pod,
 * sent like any other click (recorded, in the timeline and the export). The
 * fault lasts until the container restarts. No kubectl command does this,
 * so the console echoes nothing.
 */
export function ContainerFaultControl({ pod }: { pod: Pod }) {
  const names = pod.spec.containers.map((c) => c.name);
  const [container, setContainer] = useState(names[0] ?? '');
  const [fault, setFault] = useState<ContainerFaultKind>('crash');
  const id = useId();
  if (pod.status.phase !== 'Running' || pod.metadata.deletionTimestamp) return null;
  const chosen = names.includes(container) ? container : (names[0] ?? '');
  const chosenFault = FAULTS.find((f) => f.value === fault) ?? FAULTS[0]!;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const namespace = pod.metadata.namespace ?? 'default';
    act({ do: 'container-fault', pod: pod.metadata.name, ...(namespace === 'default' ? {} : { namespace }), container: chosen, fault });
  };
  return (
    <section aria-labelledby={`${id}-heading`} className="container-fault">
      <h3 id={`${id}-heading`}>Make a container fail</h3>
      <form className="fault-controls" onSubmit={submit}>
        <ContainerPicker names={names} value={chosen} onChange={setContainer} />
        <label>
          Fault{' '}
          <select value={fault} onChange={(e) => setFault(e.target.value as ContainerFaultKind)} aria-describedby={`${id}-effect`}>
            {FAULTS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="small">
          Apply fault
        </button>
      </form>
      <p id={`${id}-effect`} className="muted">
        {chosenFault.label}: {chosenFault.effect} It lasts until the container restarts.
      </p>
    </section>
  );
}
