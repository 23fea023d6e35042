/** Graph or Table: two views of the same store (WAI-ARIA tabs with arrow-key movement). */
import type { KeyboardEvent } from 'react';
import { setView, useLayout, type View } from './layout-state';
import { useSim } from '../store';

const VIEWS: readonly { id: View; label: string }[] = [
  { id: 'graph', label: 'Graph' },
  { id: 'table', label: 'Table' },
];

export function ViewTabs() {
  const view = useLayout((s) => s.view);
  // The panel exists once the simulation has booted (a big boot shows its progress first): no reference to a missing element before.
  const booted = useSim((s) => s.session.status === 'running');
  const onChange = setView;
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    event.preventDefault();
    const at = VIEWS.findIndex((v) => v.id === view);
    const next = VIEWS[(at + (event.key === 'ArrowRight' ? 1 : VIEWS.length - 1)) % VIEWS.length]!;
    onChange(next.id);
    document.getElementById(`tab-${next.id}`)?.focus();
  };
  return (
    <div role="tablist" aria-label="View" className="view-tabs" onKeyDown={onKeyDown}>
      {VIEWS.map((v) => (
        <button
          key={v.id}
          id={`tab-${v.id}`}
          type="button"
          role="tab"
          aria-selected={view === v.id}
          aria-controls={booted ? `panel-${v.id}` : undefined}
          tabIndex={view === v.id ? 0 : -1}
          onClick={() => onChange(v.id)}
        >
          {v.label}
        </button>
      ))}
    </div>
  );
}
