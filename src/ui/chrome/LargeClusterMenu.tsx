/**
 * The large-cluster options: the page's own `?nodes=&pods=&zones=` (see
 * large-cluster.ts) as a small form, so a bigger cluster is a click away.
 */
import { useId, useState, type FormEvent } from 'react';
import { LIMITS } from './large-cluster';
import { Popover } from './Popover';

const FIELDS = [
  { id: 'nodes', label: 'Nodes', fallback: '100' },
  { id: 'pods', label: 'Pods', fallback: '3000' },
  { id: 'zones', label: 'Zones', fallback: '3' },
] as const;

type Values = Record<(typeof FIELDS)[number]['id'], string>;

function currentValues(): Values {
  const params = new URLSearchParams(window.location.search);
  return Object.fromEntries(FIELDS.map((f) => [f.id, params.get(f.id) ?? f.fallback])) as Values;
}

export function LargeClusterMenu() {
  const [values, setValues] = useState<Values>(currentValues);
  const id = useId();
  const large = new URLSearchParams(window.location.search).has('nodes');
  const open = (event: FormEvent) => {
    event.preventDefault();
    const params = new URLSearchParams(values);
    window.location.search = `?${params.toString()}`;
  };
  return (
    <Popover label="Large cluster" title="Large cluster" align="end">
      {() => (
        <form className="menu-panel" onSubmit={open}>
          <p className="menu-panel-note">
            Boots bare pods bound round-robin to many nodes, to try the graph at scale. Nothing replaces an evicted pod. Opens paused, in a new page load.
          </p>
          <div className="large-fields">
            {FIELDS.map((f) => (
              <label key={f.id} htmlFor={`${id}-${f.id}`}>
                {f.label}
                <input
                  id={`${id}-${f.id}`}
                  inputMode="numeric"
                  value={values[f.id]}
                  aria-describedby={`${id}-limits`}
                  onChange={(e) => setValues({ ...values, [f.id]: e.currentTarget.value })}
                />
              </label>
            ))}
          </div>
          <p id={`${id}-limits`} className="muted menu-panel-note">
            At most {LIMITS.nodes.toLocaleString('en')} nodes, {LIMITS.pods.toLocaleString('en')} pods, {LIMITS.zones} zones.
          </p>
          <button type="submit">Open large cluster</button>
          {large && (
            <a className="menu-panel-link" href={window.location.pathname}>
              Back to the default cluster
            </a>
          )}
        </form>
      )}
    </Popover>
  );
}
