/**
 * The inspector's followed "why?": recomputed only when the world changed
 * (an object, a view, an event) or when the clock reaches a line it had put
 * in the future, and posted only when the answer differs from the last one.
 */
import { explain, type ExplainTarget, type Simulation } from '../sim';
import type { ExplanationFrame } from '../protocol/messages';

export class FollowedExplanation {
  private target: ExplainTarget | null = null;
  private posted = '';
  /** Recompute at the next update whatever happened (new target, new world). */
  private stale = true;
  /** The earliest time a 'future' line turns into a past one. */
  private dueAtMs = Number.POSITIVE_INFINITY;

  follow(target: ExplainTarget | null): void {
    this.target = target;
    this.restart();
  }

  /** A new world (boot, reset): the next update answers afresh. */
  restart(): void {
    this.posted = '';
    this.stale = true;
  }

  /** The frame to post, if the answer may have changed and did. */
  update(sim: Simulation, worldChanged: boolean): ExplanationFrame | null {
    if (!this.target) return null;
    if (!this.stale && !worldChanged && sim.nowMs < this.dueAtMs) return null;
    this.stale = false;
    const answer = explain(sim, this.target);
    this.dueAtMs = Math.min(Number.POSITIVE_INFINITY, ...answer.lines.filter((l) => l.when === 'future').map((l) => l.atMs!));
    const json = JSON.stringify({ summary: answer.summary, lines: answer.lines });
    if (json === this.posted) return null;
    this.posted = json;
    return { type: 'explanation', ...answer };
  }
}
