import { useEffect, useRef, useState } from 'react';
import type { ScenarioExpectation } from '../../protocol/messages';
import { formatSimTime } from '../format';

/** At most one announcement per this many wall milliseconds, as for events (EventAnnouncer). */
const THROTTLE_MS = 3_000;

type Verdict = 'passed' | 'failed' | 'pending';

const VERDICT: Record<Verdict, { icon: string; label: string }> = {
  passed: { icon: '✓', label: 'Passed' },
  failed: { icon: '✗', label: 'Failed' },
  pending: { icon: '○', label: 'Pending' },
};

function verdictOf(e: ScenarioExpectation): Verdict {
  return e.outcome === undefined ? 'pending' : e.outcome.passed ? 'passed' : 'failed';
}

/**
 * The scenario's expectations as a checklist that ticks as simulated time
 * passes: the worker checks each one at its time, as `npm run scenario` does.
 */
export function ScenarioExpectations({ expectations }: { expectations: readonly ScenarioExpectation[] }) {
  const counts = { passed: 0, failed: 0, pending: 0 };
  for (const e of expectations) counts[verdictOf(e)]++;
  return (
    <details open className="expectations">
      <summary>
        Expectations: {counts.passed} passed, {counts.failed} failed, {counts.pending} pending
      </summary>
      <ol className="expectation-list" aria-label="Expectations">
        {expectations.map((e, i) => {
          const verdict = verdictOf(e);
          return (
            <li key={i} className={`expectation expectation-${verdict}`}>
              <span className={`expectation-verdict status status-${verdict === 'passed' ? 'ok' : verdict === 'failed' ? 'bad' : 'pending'}`}>
                <span aria-hidden="true">{VERDICT[verdict].icon}</span> {VERDICT[verdict].label}
              </span>{' '}
              <span className="mono">t = {formatSimTime(e.atMs)}</span> {e.text}
              {e.outcome?.reason !== undefined && <span className="expectation-reason"> — {e.outcome.reason}</span>}
            </li>
          );
        })}
      </ol>
      <ExpectationAnnouncer expectations={expectations} />
    </details>
  );
}

/** What was checked since the last announcement, in one sentence. */
function describeChecked(checked: readonly ScenarioExpectation[]): string {
  const failed = checked.filter((e) => e.outcome?.passed === false);
  if (checked.length === 1) {
    const [e] = checked as [ScenarioExpectation];
    return `Expectation ${failed.length ? 'failed' : 'passed'} at t = ${formatSimTime(e.atMs)}: ${e.text}${e.outcome?.reason ? ` — ${e.outcome.reason}` : ''}`;
  }
  const head = `${checked.length} expectations checked: ${checked.length - failed.length} passed, ${failed.length} failed`;
  const first = failed[0];
  return first ? `${head}. First failure at t = ${formatSimTime(first.atMs)}: ${first.text} — ${first.outcome?.reason ?? ''}` : `${head}.`;
}

/** A polite live region announcing expectations as they are checked, throttled like new events. */
function ExpectationAnnouncer({ expectations }: { expectations: readonly ScenarioExpectation[] }) {
  // Outcomes arrive in list order, so the checked ones are a prefix of the list.
  const checkedCount = expectations.findIndex((e) => e.outcome === undefined);
  const checked = checkedCount === -1 ? expectations.length : checkedCount;
  const [message, setMessage] = useState('');
  const announced = useRef(checked);
  const lastAnnouncedAt = useRef(0);

  useEffect(() => {
    // A reset or a new scenario starts again: nothing to announce.
    if (checked <= announced.current) {
      announced.current = checked;
      return;
    }
    const waitMs = Math.max(0, lastAnnouncedAt.current + THROTTLE_MS - Date.now());
    const timer = setTimeout(() => {
      const fresh = expectations.slice(announced.current, checked);
      announced.current = checked;
      lastAnnouncedAt.current = Date.now();
      if (fresh.length > 0) setMessage(describeChecked(fresh));
    }, waitMs);
    return () => clearTimeout(timer);
  }, [checked, expectations]);

  return (
    <div className="visually-hidden" role="status" aria-live="polite" aria-label="Expectation results">
      {message}
    </div>
  );
}
