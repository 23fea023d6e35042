import { useId, useState, type FormEvent } from 'react';
import { act } from '../actions';
import { useSim } from '../store';
import { parseRps } from './traffic-input';

/**
 * A Service's traffic in the inspector: its rate, the requests of the last
 * 10 simulated seconds (ok and failed, in words), and a field to set the rate.
 * An invalid rate is named inline and nothing is sent.
 */
export function ServiceTraffic({ namespace, name }: { namespace: string; name: string }) {
  const key = `${namespace}/${name}`;
  const view = useSim((s) => s.traffic.byService.get(key));
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const rps = view?.rps ?? 0;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseRps(draft ?? String(rps));
    if ('error' in parsed) {
      setError(parsed.error);
      return;
    }
    setError(null);
    setDraft(null);
    act({ do: 'set-traffic', service: name, ...(namespace !== 'default' ? { namespace } : {}), rps: parsed.rps });
  };
  return (
    <div className="service-traffic">
      <p className="service-traffic-counts" aria-live="polite">
        {!view ? (
          <span className="muted">No traffic.</span>
        ) : (
          <>
            {view.rps} req/s · last 10 s: <span className="traffic-ok">✓ {view.recentOk} ok</span>,{' '}
            <span className={view.recentFailed > 0 ? 'traffic-failed' : undefined}>
              {view.recentFailed > 0 ? '✗ ' : ''}
              {view.recentFailed} failed
            </span>
          </>
        )}
      </p>
      <form className={`scale-form${error ? ' scale-invalid' : ''}`} onSubmit={submit} noValidate>
        <label htmlFor={`${id}-rps`}>Requests/s</label>
        <input
          id={`${id}-rps`}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          size={5}
          value={draft ?? String(rps)}
          onChange={(e) => {
            setDraft(e.target.value);
            setError(null);
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        <button type="submit" className="small" aria-label={`Set requests per second to Service ${name}`}>
          Set
        </button>
        {error && (
          <span id={`${id}-error`} role="alert" className="scale-error">
            {error}
          </span>
        )}
      </form>
    </div>
  );
}
