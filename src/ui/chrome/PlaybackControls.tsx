import { runToNextEvent, setSpeed, SPEEDS, step, togglePlay } from '../actions';
import { useSim } from '../store';

const STEPS = [
  { label: '+1 s', ms: 1_000 },
  { label: '+10 s', ms: 10_000 },
  { label: '+1 min', ms: 60_000 },
] as const;

export function PlaybackControls() {
  const playing = useSim((s) => s.playback.playing);
  const speed = useSim((s) => s.playback.speed);
  const ready = useSim((s) => s.session.status === 'running');

  return (
    <div className="controls">
      <button type="button" className="primary play" onClick={togglePlay} disabled={!ready} aria-keyshortcuts="Space">
        <span aria-hidden="true" className={playing ? 'icon icon-pause' : 'icon icon-play'} />
        {playing ? 'Pause' : 'Play'}
        <kbd aria-hidden="true">Space</kbd>
      </button>
      <label className="speed">
        Speed{' '}
        <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))} disabled={!ready}>
          {(SPEEDS.includes(speed as (typeof SPEEDS)[number]) ? SPEEDS : [...SPEEDS, speed]).map((factor) => (
            <option key={factor} value={factor}>
              {factor}×
            </option>
          ))}
        </select>
      </label>
      <div role="group" aria-label="Step time" className="step-group">
        <span aria-hidden="true" className="group-label">
          Step
        </span>
        {STEPS.map(({ label, ms }) => (
          <button key={ms} type="button" aria-label={`Step ${label}`} onClick={() => step(ms)} disabled={!ready}>
            {label}
          </button>
        ))}
      </div>
      <button type="button" onClick={runToNextEvent} disabled={!ready} aria-keyshortcuts="n">
        Next event
      </button>
    </div>
  );
}
