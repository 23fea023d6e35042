import { describe, expect, it } from 'vitest';
import { clampSpeed, MAX_SPEED, MAX_WALL_MS_PER_TICK, MIN_SPEED, startPace, tickPace, type Pace } from './pacing';

/** Runs ticks at the given wall times; returns the simulated ms of each. */
function run(start: number, walls: number[], speed: number): { steps: number[]; pace: Pace } {
  let pace = startPace(start);
  const steps: number[] = [];
  for (const wall of walls) {
    const tick = tickPace(pace, wall, speed);
    steps.push(tick.simMs);
    pace = tick.pace;
  }
  return { steps, pace };
}

describe('pacing', () => {
  it('turns wall time into simulated time at the speed', () => {
    expect(run(0, [16, 32, 48], 10).steps).toEqual([160, 160, 160]);
  });

  it('carries fractions of a millisecond so none is lost over many ticks', () => {
    // 1.5 × 16.75 ms = 25.125 ms a tick: 25 seven times, then 26 when the eighths add up.
    const walls = Array.from({ length: 100 }, (_, i) => (i + 1) * 16.75);
    const { steps, pace } = run(0, walls, 1.5);
    expect(steps.slice(0, 8)).toEqual([25, 25, 25, 25, 25, 25, 25, 26]);
    expect(steps.reduce((a, b) => a + b, 0)).toBe(2512);
    expect(pace.carryMs).toBe(0.5);
  });

  it('accounts at most MAX_WALL_MS_PER_TICK for one tick after a stall, and nothing for a clock that went back', () => {
    expect(run(0, [5_000], 2).steps).toEqual([MAX_WALL_MS_PER_TICK * 2]);
    expect(run(1_000, [900], 2).steps).toEqual([0]);
  });

  it('clamps the speed and refuses what is not a number', () => {
    expect(clampSpeed(0.1)).toBe(MIN_SPEED);
    expect(clampSpeed(10_000)).toBe(MAX_SPEED);
    expect(clampSpeed(60)).toBe(60);
    expect(() => clampSpeed(Number.NaN)).toThrow('speed must be a number, got NaN');
  });
});
