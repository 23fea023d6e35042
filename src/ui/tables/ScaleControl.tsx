import { act } from '../actions';
import { parseReplicas, workloadLabel, type WorkloadRef } from '../workloads';
import { CountForm } from './CountForm';

/**
 * `kubectl scale --replicas=N`: a labelled count and a Scale button. The field
 * shows the desired count until edited; an invalid count is named inline and
 * nothing is sent. The result (or the API's error) shows in the status banner.
 */
export function ScaleControl({ workload, desired }: { workload: WorkloadRef; desired: number | undefined }) {
  const label = workloadLabel(workload);
  return (
    <CountForm
      label={`Replicas for ${label}`}
      hideLabel
      value={String(desired ?? '')}
      size={4}
      button="Scale"
      buttonLabel={`Scale ${label}`}
      parse={(text) => {
        const parsed = parseReplicas(text, label);
        return 'error' in parsed ? parsed : parsed.replicas;
      }}
      onSubmit={(replicas) => act({ do: 'scale', kind: workload.kind, name: workload.name, namespace: workload.namespace, replicas })}
    />
  );
}
