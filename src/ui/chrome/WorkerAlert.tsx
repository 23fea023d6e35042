import { useEffect, useRef } from 'react';
import { DEFAULT_SEED } from '../actions';
import { startOver } from '../sim-client';
import { useWorkerHealth } from '../worker-health';
import { describeCheckpoint, restartFromCheckpoint } from '../share/recover';
import { currentRunState } from '../share/share-store';

/**
 * Says so when the simulation worker hangs, crashes or cannot load, at the
 * top of the page where the clock is, and offers to restart from the last
 * checkpoint (the session as the page last heard it, share/recover.ts) or to
 * start over. Focus moves to the first offer so the keyboard is where the
 * alert is.
 */
export function WorkerAlert() {
  const health = useWorkerHealth((s) => s.health);
  const button = useRef<HTMLButtonElement>(null);
  const failed = health.state === 'unresponsive' || health.state === 'crashed';
  useEffect(() => {
    if (failed) button.current?.focus();
  }, [failed]);
  if (!failed) return null;
  const checkpoint = currentRunState();
  return (
    <div role="alert" className="banner banner-error worker-alert">
      <p>
        <strong>{health.state === 'crashed' ? 'The simulation crashed.' : 'The simulation is not responding.'}</strong> {health.message} The clock is
        stopped; what was on screen stays as it was.
      </p>
      <p className="worker-alert-offers">
        <button ref={button} type="button" className="primary" onClick={() => void restartFromCheckpoint()}>
          Restart from the last checkpoint
        </button>{' '}
        <span className="muted">{checkpoint ? `brings back ${describeCheckpoint(checkpoint)}, paused.` : 'brings back the saved session, paused.'}</span>
      </p>
      <p className="worker-alert-offers">
        <button type="button" onClick={() => startOver(DEFAULT_SEED)}>
          Start over
        </button>{' '}
        <span className="muted">restarts the simulation with the default cluster at t = 0.</span>
      </p>
    </div>
  );
}
