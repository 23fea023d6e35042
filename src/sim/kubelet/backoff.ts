/**
 * The kubelet's container restart back-off.
 * Upstream: client-go util/flowcontrol/backoff.go (IsInBackOffSince, Next,
 * hasExpired) as kuberuntime's doBackOff uses it, with
 * kubelet.go backOffPeriod = 10 s and MaxContainerBackOff = 300 s.
 */
import type { LocalContainer } from './state';

export const INITIAL_BACKOFF_MS = 10_000;
export const MAX_BACKOFF_MS = 300_000;

/** Upstream hasExpired: stable again once 2 × maxDuration passed since the last update (10 min). */
function expired(c: LocalContainer, eventMs: number): boolean {
  return c.backoffUpdatedMs === null || eventMs - c.backoffUpdatedMs > 2 * MAX_BACKOFF_MS;
}

/**
 * How long a container that exited at `finishedAtMs` waits before it is
 * restarted (IsInBackOffSince): 0 the first time, or when it had run for
 * 10 min since its last restart; else the current back-off.
 */
export function backoffWaitMs(c: LocalContainer, finishedAtMs: number): number {
  return expired(c, finishedAtMs) ? 0 : c.backoffMs;
}

/** Upstream Next, called as the container is restarted: 10 s, then doubling to 5 min. */
export function nextBackoff(c: LocalContainer, finishedAtMs: number, nowMs: number): void {
  c.backoffMs = expired(c, finishedAtMs) ? INITIAL_BACKOFF_MS : Math.min(c.backoffMs * 2, MAX_BACKOFF_MS);
  c.backoffUpdatedMs = nowMs;
}
