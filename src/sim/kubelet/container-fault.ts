/**
 * Faults injected into a running container (the container-fault action), as
 * data on the container the runtime and the prober read: a crash makes each
 * affected run exit at once with code 1, a hang makes the container stop
 * answering probes, unready makes its readiness probe fail. Nothing fakes an
 * outcome: a hung container is killed only if its liveness probe fails
 * failureThreshold times, as upstream's prober decides.
 */
import type { ContainerFaultKind } from '../actions';
import { answerAt, type Answer, type PlannedExit } from './container-behaviour';
import type { LocalContainer } from './state';

export interface ContainerFault {
  kind: ContainerFaultKind;
  /** The run (restartCount) it is about when it lasts until the container restarts; null when timed. */
  instance: number | null;
  /** When a timed fault ends; null when it lasts until the container restarts. */
  untilMs: number | null;
}

/** What a crashing process leaves: exit code 1, reason Error (as upstream reports a non-zero exit). */
export const CRASH_EXIT: PlannedExit = { afterMs: 0, exitCode: 1, reason: 'Error' };

/** The fault of the run that is (or will be, `instance`) going on at `nowMs`. */
export function activeFault(c: LocalContainer, nowMs: number, instance = c.restartCount): ContainerFaultKind | null {
  const fault = c.fault;
  if (!fault) return null;
  if (fault.instance !== null && fault.instance !== instance) return null;
  if (fault.untilMs !== null && nowMs >= fault.untilMs) return null;
  return fault.kind;
}

/** A fault that can no longer apply to any run is dropped (it leaves the snapshot small and clear). */
export function expireFault(c: LocalContainer, nowMs: number): void {
  const fault = c.fault;
  if (!fault) return;
  if ((fault.instance !== null && fault.instance < c.restartCount) || (fault.untilMs !== null && nowMs >= fault.untilMs)) c.fault = null;
}

/** How the container answers a probe now: its own behaviour, unless a fault says otherwise. */
export function containerAnswer(c: LocalContainer, nowMs: number): Answer {
  const own = answerAt(c.behaviour, nowMs - (c.startedAtMs ?? nowMs));
  const fault = activeFault(c, nowMs);
  if (fault === 'hang') return 'hung';
  // A run under a crash fault exits as it starts: nothing listens.
  if (fault === 'crash') return 'refused';
  if (fault === 'unready' && own === 'ok') return 'unready';
  return own;
}

/** How the run that starts at `nowMs` ends: at once under a crash fault, else by its behaviour. */
export function runExit(c: LocalContainer, nowMs: number): PlannedExit | null {
  return activeFault(c, nowMs) === 'crash' ? CRASH_EXIT : c.exit;
}
