import { describe, expect, it } from 'vitest';
import { ExpectationQueue } from './expectation-queue';
import { buildSimulation } from './run';
import { drainBoot } from '../sim/boot';
import { parseScenario } from './parse';

const TEXT = `name: queue
cluster:
  zones: [{name: z, nodes: 1}]
actions:
  - {at: 5s, do: kill-node, node: z-1}
expect:
  - {at: 55s, node: z-1, condition: {type: Ready, status: Unknown}}
  - {at: 50s, node: z-1, condition: {type: Ready, status: "True"}}
  - {at: 50s, zone: z, state: Normal}
`;

function build() {
  const parsed = parseScenario(TEXT);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const { sim, boot } = buildSimulation(parsed.scenario);
  drainBoot(boot);
  return { sim, queue: new ExpectationQueue(parsed.scenario.expectations) };
}

describe('ExpectationQueue', () => {
  it('checks by time then file order, each once, at its own time', () => {
    const { sim, queue } = build();
    expect(queue.ordered.map((e) => e.source.path)).toEqual(['expect[1]', 'expect[2]', 'expect[0]']);
    expect(queue.checkBefore(sim, 50_000)).toEqual([]);
    expect(queue.checkUntil(sim, 50_000).map((r) => [r.path, r.passed])).toEqual([
      ['expect[1]', true],
      ['expect[2]', true],
    ]);
    expect(sim.nowMs).toBe(50_000);
    expect(queue.checkBefore(sim, 55_000)).toEqual([]);
    expect(queue.checkBefore(sim, 55_001).map((r) => [r.path, r.passed])).toEqual([['expect[0]', true]]);
    expect(queue.checked).toBe(3);
    expect(queue.checkUntil(sim, Number.POSITIVE_INFINITY)).toEqual([]);
  });

  it('refuses to check an expectation on a later state than its time', () => {
    const { sim, queue } = build();
    sim.runUntil(51_000);
    expect(() => queue.checkUntil(sim, 60_000)).toThrow('expectation expect[1] (at 50000 ms) would be checked late, at 51000 ms');
  });
});
