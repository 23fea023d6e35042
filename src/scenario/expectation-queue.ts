/**
 * A scenario's expectations in the order they are checked, each checked at
 * its own time (scenario-format.md, "expect": "once everything scheduled at
 * or before that instant has run"). The command-line runner and the
 * playground's worker both check through this, so they agree on every
 * result: the runner checks them all in one go; the worker as the user
 * advances time, instant by instant.
 */
import type { Simulation } from '../sim';
import { checkExpectation } from './expect';
import type { Expectation, ExpectationResult } from './types';

export class ExpectationQueue {
  /** By time, then file order (Array sort is stable). */
  readonly ordered: readonly Expectation[];
  private checkedCount = 0;

  constructor(expectations: readonly Expectation[]) {
    this.ordered = [...expectations].sort((a, b) => a.atMs - b.atMs);
  }

  /** How many of `ordered` have been checked (they are checked in that order). */
  get checked(): number {
    return this.checkedCount;
  }

  /**
   * Checks every unchecked expectation with `atMs <= untilMs`: for each, runs
   * the simulation to its time, then checks it. The caller must not have run
   * any instant later than the next unchecked expectation's time.
   */
  checkUntil(sim: Simulation, untilMs: number): ExpectationResult[] {
    return this.checkWhile(sim, (atMs) => atMs <= untilMs);
  }

  /** Checks the expectations due strictly before `instantMs`: call it before the simulation runs that instant. */
  checkBefore(sim: Simulation, instantMs: number): ExpectationResult[] {
    return this.checkWhile(sim, (atMs) => atMs < instantMs);
  }

  private checkWhile(sim: Simulation, due: (atMs: number) => boolean): ExpectationResult[] {
    const results: ExpectationResult[] = [];
    for (let next = this.ordered[this.checkedCount]; next && due(next.atMs); next = this.ordered[this.checkedCount]) {
      if (sim.nowMs > next.atMs) {
        throw new Error(`expectation ${next.source.path} (at ${next.atMs} ms) would be checked late, at ${sim.nowMs} ms`);
      }
      sim.runUntil(next.atMs);
      results.push(checkExpectation(sim, next));
      this.checkedCount++;
    }
    return results;
  }
}
