/**
 * The only parts of the graph that follow the clock. Each selects a whole
 * number of seconds, so it re-renders at most once a simulated second, and
 * only these small leaves do: their cards stay put.
 */
import { useMemo } from 'react';
import { formatCountdown, formatSimTime, simMsOf } from '../format';
import { useSim } from '../store';
import { useRenewTime } from './graph-index';

/** Seconds since `sinceMs`: "1m5s". */
export function Ago({ sinceMs }: { sinceMs: number }) {
  const seconds = useSim((s) => Math.floor(Math.max(s.clock.nowMs - sinceMs, 0) / 1000));
  return <>{formatSimTime(seconds * 1000)}</>;
}

/** Seconds until `untilMs`, rounded up: "4m12s". */
export function Countdown({ untilMs }: { untilMs: number }) {
  const seconds = useSim((s) => Math.ceil(Math.max(untilMs - s.clock.nowMs, 0) / 1000));
  return <>{formatCountdown(seconds * 1000)}</>;
}

/** A lease older than this is past upstream's default lease duration (40 s). */
const STALE_LEASE_S = 40;
/** Kubelets renew every 10 s: a younger lease is simply fresh, and the card need not tick through 0…9 s on every node. */
const FRESH_LEASE_S = 10;

/** How long since the node's kubelet last renewed its lease. */
export function LeaseAge({ node }: { node: string }) {
  const renewTime = useRenewTime(node);
  const epochMs = useSim((s) => s.clock.epochMs);
  const renewMs = useMemo(() => simMsOf(renewTime, epochMs), [renewTime, epochMs]);
  const seconds = useSim((s) => {
    if (renewMs === undefined) return null;
    const age = Math.floor(Math.max(s.clock.nowMs - renewMs, 0) / 1000);
    return age < FRESH_LEASE_S ? 0 : age;
  });
  if (seconds === null) return <span className="lease muted">no lease</span>;
  if (seconds === 0) return <span className="lease">lease &lt;{FRESH_LEASE_S}s ago</span>;
  const stale = seconds > STALE_LEASE_S;
  return (
    <span className={stale ? 'lease lease-stale' : 'lease'}>
      {stale && <span aria-hidden="true">⚠ </span>}lease {formatSimTime(seconds * 1000)} ago
    </span>
  );
}
