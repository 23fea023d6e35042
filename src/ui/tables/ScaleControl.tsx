import { useId, useState, type FormEvent } from 'react';
import { act } from '../actions';
import { parseReplicas, workloadLabel, type WorkloadRef } from '../workloads';

/**
 * `kubectl scale --replicas=N`: a labelled count and a Scale button. The field
 * shows the desired count until edited; an invalid count is named inline and
 * nothing is sent. The result (or the API's error) shows in the status banner.
 */
export function ScaleControl({ workload, desired }: { workload: WorkloadRef; desired: number | undefined }) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const label = workloadLabel(workload);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseReplicas(draft ?? String(desired ?? ''), label);
    if ('error' in parsed) {
      setError(parsed.error);
      return;
    }
    setError(null);
    setDraft(null);
    act({ do: 'scale', kind: workload.kind, name: workload.name, namespace: workload.namespace, replicas: parsed.replicas });
  };
  return (
    <form className={`scale-form${error ? ' scale-invalid' : ''}`} onSubmit={submit} noValidate>
      <label htmlFor={`${id}-replicas`} className="visually-hidden">
        Replicas for {label}
      </label>
      <input
        id={`${id}-replicas`}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        size={4}
        value={draft ?? String(desired ?? '')}
        onChange={(e) => {
          setDraft(e.target.value);
          setError(null);
        }}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      <button type="submit" className="small" aria-label={`Scale ${label}`}>
        Scale
      </button>
      {error && (
        <span id={`${id}-error`} role="alert" className="scale-error">
          {error}
        </span>
      )}
    </form>
  );
}
