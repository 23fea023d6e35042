import { useEffect, useRef, useState } from 'react';
import { objectRef } from '../kube';
import { useSim } from '../store';

/** At most one announcement per this many wall milliseconds, so fast play does not flood a screen reader. */
const THROTTLE_MS = 3_000;

/** A polite live region that tells screen-reader users about new Kubernetes events, throttled. */
export function EventAnnouncer() {
  const received = useSim((s) => s.events.received);
  const latest = useSim((s) => s.events.records.at(-1));
  const [message, setMessage] = useState('');
  const announced = useRef(received);
  const lastAnnouncedAt = useRef(0);

  useEffect(() => {
    if (received === announced.current) return;
    const waitMs = Math.max(0, lastAnnouncedAt.current + THROTTLE_MS - Date.now());
    const timer = setTimeout(() => {
      const count = received - announced.current;
      announced.current = received;
      lastAnnouncedAt.current = Date.now();
      // A reset starts the count again: nothing new to announce.
      if (count <= 0 || !latest) return;
      const what = `${latest.reason} on ${objectRef(latest.involvedObject)}: ${latest.message}`;
      setMessage(count === 1 ? `New event: ${what}` : `${count} new events. Latest: ${what}`);
    }, waitMs);
    return () => clearTimeout(timer);
  }, [received, latest]);

  return (
    <div className="visually-hidden" role="log" aria-live="polite" aria-label="New events">
      {message}
    </div>
  );
}
