import { describe, expect, it } from 'vitest';
import { DEADLINE_MS, PING_EVERY_MS, Watchdog, type WorkerHealth } from './worker-health';

function watched() {
  let now = 0;
  const pings: number[] = [];
  const reports: WorkerHealth[] = [];
  const dog = new Watchdog(() => now, (seq) => pings.push(seq), (h) => reports.push(h));
  const advance = (ms: number) => {
    for (let t = 0; t < ms; t += PING_EVERY_MS) {
      now += PING_EVERY_MS;
      dog.beat();
    }
  };
  /** One beat after a long gap, as a throttled timer fires. */
  const jump = (ms: number) => {
    now += ms;
    dog.beat();
  };
  return { dog, pings, reports, advance, jump, answer: () => dog.heard() };
}

describe('worker watchdog', () => {
  it('pings every beat and stays quiet while the worker answers', () => {
    const w = watched();
    for (let i = 0; i < 20; i++) {
      w.advance(PING_EVERY_MS);
      w.answer();
    }
    expect(w.pings).toHaveLength(20);
    expect(w.reports.every((r) => r.state === 'alive')).toBe(true);
  });

  it('gives up on a worker silent past the deadline, once, and stops pinging', () => {
    const w = watched();
    w.advance(PING_EVERY_MS); // the first ping goes out
    w.advance(DEADLINE_MS);
    expect(w.reports).toEqual([]);
    w.advance(PING_EVERY_MS);
    expect(w.reports).toHaveLength(1);
    expect(w.reports[0]).toMatchObject({ state: 'unresponsive' });
    expect((w.reports[0] as { message: string }).message).toMatch(/stopped answering: nothing from it for 9 s/);
    const pings = w.pings.length;
    w.advance(5 * PING_EVERY_MS);
    expect(w.pings).toHaveLength(pings);
    expect(w.reports).toHaveLength(1);
  });

  it("does not take a hidden tab's slow timers for a stuck worker", () => {
    const w = watched();
    // Timers throttled to once a minute; the worker answers each ping at once.
    for (let i = 0; i < 5; i++) {
      w.jump(60_000);
      w.answer();
    }
    expect(w.pings).toHaveLength(5);
    expect(w.reports.every((r) => r.state === 'alive')).toBe(true);
    // A ping left unanswered across one throttled gap is past the deadline.
    w.jump(60_000);
    w.jump(60_000);
    expect(w.reports.at(-1)).toMatchObject({ state: 'unresponsive' });
  });

  it('reports a crash once and ignores what comes after', () => {
    const w = watched();
    w.dog.crashed('The simulation crashed: boom');
    w.answer();
    w.advance(DEADLINE_MS * 2);
    expect(w.reports).toEqual([{ state: 'crashed', message: 'The simulation crashed: boom' }]);
  });
});
