import { TimelineDock } from '../timeline/TimelineDock';
import { setDockCollapsed, useLayout } from './layout-state';

/** The bottom dock: the charts and the timeline (ui/timeline), collapsible to its title bar. */
export function Dock() {
  const collapsed = useLayout((s) => s.dockCollapsed);
  return (
    <section className={collapsed ? 'dock dock-collapsed' : 'dock'} aria-labelledby="dock-title">
      <div className="dock-head">
        <h2 id="dock-title">Timeline</h2>
        <button type="button" className="dock-toggle" aria-expanded={!collapsed} aria-controls="dock-body" onClick={() => setDockCollapsed(!collapsed)}>
          <span aria-hidden="true">{collapsed ? '▴' : '▾'}</span> {collapsed ? 'Show' : 'Hide'}
          <span className="visually-hidden"> the timeline</span>
        </button>
      </div>
      <div id="dock-body" className="dock-body" hidden={collapsed}>
        <TimelineDock />
      </div>
    </section>
  );
}
