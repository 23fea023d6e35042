import { dismissError, useSim } from '../store';

/** Worker errors, as an alert at the top of the stage. */
export function StatusBanner() {
  const error = useSim((s) => s.session.error);
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
    </>
  );
}
