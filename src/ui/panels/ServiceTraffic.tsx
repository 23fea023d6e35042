import { act } from '../actions';
import { useSim } from '../store';
import { parseRps } from './traffic-input';
import { CountForm } from '../tables/CountForm';

/**
 * A Service's traffic in the inspector: its rate, the requests of the last
 * 10 simulated seconds (ok and failed, in words), and a field to set the rate.
 * An invalid rate is named inline and nothing is sent.
 */
export function ServiceTraffic({ namespace, name }: { namespace: string; name: string }) {
  const key = `${namespace}/${name}`;
  const view = useSim((s) => s.traffic.byService.get(key));
  const rps = view?.rps ?? 0;
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
      <CountForm
        label="Requests/s"
        value={String(rps)}
        size={5}
        button="Set"
        buttonLabel={`Set requests per second to Service ${name}`}
        parse={(text) => {
          const parsed = parseRps(text);
          return 'error' in parsed ? parsed : parsed.rps;
        }}
        onSubmit={(count) => act({ do: 'set-traffic', service: name, ...(namespace !== 'default' ? { namespace } : {}), rps: count })}
      />
    </div>
  );
}
