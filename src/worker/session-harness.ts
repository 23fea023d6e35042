/**
 * A SimSession for tests: frames collected (cloned, as postMessage would),
 * a wall clock the test moves by hand, and the ticking switch recorded.
 * Test-only: imported by the worker's *.test.ts files.
 */
import type { SimCommand, SimFrame } from '../protocol/messages';
import { SimSession } from './session';

export interface Harness {
  session: SimSession;
  /** The page's wall clock (ms) and whether the session asked to be ticked. */
  clock: { wallMs: number; ticking: boolean };
  /** Every frame posted so far. */
  frames: SimFrame[];
  /** The frames posted since the last take, removed from `frames`. */
  take: () => SimFrame[];
}

export function sessionHarness(boot: SimCommand = { type: 'boot', seed: 1 }): Harness {
  const frames: SimFrame[] = [];
  const clock = { wallMs: 0, ticking: false };
  const session = new SimSession({
    post: (frame) => frames.push(structuredClone(frame)),
    wallNowMs: () => clock.wallMs,
    setTicking: (on) => (clock.ticking = on),
  });
  session.handle(boot);
  return { session, clock, frames, take: () => frames.splice(0) };
}
