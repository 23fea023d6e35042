import { dismissError, useSim } from '../store';

/** Worker errors (an alert) and the outcome of the last action (a polite status line). */
export function StatusBanner() {
  const error = useSim((s) => s.session.error);
  const lastAction = useSim((s) => s.session.lastAction);
  return (
    <>
      <div role="alert" className={error ? 'banner banner-error' : 'banner-empty'}>
        {error && (
          <>
            <p>
              <strong>Simulation error:</strong> {error}
            </p>
            <button type="button" onClick={dismissError}>
              Dismiss
            </button>
          </>
        )}
      </div>
      <p role="status" className={`last-action${lastAction?.error ? ' last-action-failed' : ''}`}>
        {!lastAction && <span className="muted">No actions yet: use the ⋯ menu on a node or a zone, or the buttons in the Table view.</span>}
        {lastAction &&
          (lastAction.error ? (
            <>
              <strong>Could not do it:</strong> {lastAction.description}: {lastAction.error}
            </>
          ) : (
            <>
              <span className="muted">Last action:</span> {lastAction.description}
            </>
          ))}
      </p>
    </>
  );
}
