import { describe, expect, it } from 'vitest';
import type { EventRecord, RecordingFrame, RunExportFrame, SimAction, SimCommand, SimFrame } from '../protocol/messages';
import { parseScenario } from '../scenario/parse';
import { runScenario } from '../scenario/run';
import { objectName, type TraceEntry } from '../scenario/trace';
import { traceHash } from '../scenario/trace-hash';
import { sessionHarness } from './session-harness';

const harness = (boot: SimCommand) => sessionHarness(boot);

/** mulberry32, the test's own choices. */
function chooser(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { int: (n: number) => Math.floor(next() * n), pick: <T,>(list: readonly T[]) => list[Math.floor(next() * list.length)]! };
}

const NODES = ['zone-a-1', 'zone-a-2', 'zone-b-1', 'zone-b-3', 'zone-c-2'];

function randomAction(c: ReturnType<typeof chooser>): SimAction {
  const node = c.pick(NODES);
  const zone = c.pick(['zone-a', 'zone-b', 'zone-c']);
  return c.pick<SimAction>([
    { do: 'kill-node', node },
    { do: 'start-node', node },
    { do: 'partition-zone', zone },
    { do: 'heal-zone', zone },
    { do: 'drain', node },
    { do: 'cordon', node },
    { do: 'taint', node, taint: { key: 'example.com/x', effect: 'NoExecute' } },
    { do: 'scale', kind: 'Deployment', name: 'web', namespace: 'default', replicas: c.int(9) },
  ]);
}

/**
 * Each event as the page ends up holding it (the newest copy of a repeated
 * one): where, why, what, how often. Leaves out the nine kubelets' "Starting"
 * records of node registration (seq 1 … 9), which happen as the world is
 * built, before a trace can be attached, and were not repeated since.
 */
function pageEvents(frames: SimFrame[]): Map<string, number> {
  const out = new Map<string, number>();
  const add = (records: EventRecord[]) => {
    for (const r of records) {
      if (r.seq <= 9) continue;
      const key = `${objectName(r.involvedObject.kind, r.involvedObject.name, r.involvedObject.namespace)} ${r.type} ${r.reason}: ${r.message}`;
      out.set(key, Math.max(out.get(key) ?? 0, r.count));
    }
  };
  for (const frame of frames) if (frame.type === 'snapshot' || frame.type === 'diff') add(frame.events);
  return out;
}

function traceEvents(trace: readonly TraceEntry[], untilMs: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of trace) {
    if (e.kind !== 'event' || e.atMs > untilMs) continue;
    const key = `${e.object} ${e.text}`;
    out.set(key, Math.max(out.get(key) ?? 0, e.count ?? 1));
  }
  return out;
}

describe('export run from a session', () => {
  it.each([11, 12, 13])('gives a file that npm run scenario replays to the page\'s trace and events (seed %i)', (seed) => {
    const c = chooser(seed);
    const { session, frames } = harness({ type: 'boot', seed: 1 });
    for (let i = 0; i < 10; i++) {
      session.handle(c.pick<SimCommand>([{ type: 'step', ms: c.int(60_000) }, { type: 'step', ms: 1_000 }, { type: 'run-to-next-event' }]));
      session.handle({ type: 'act', action: randomAction(c) });
    }
    session.handle({ type: 'step', ms: 200_000 });
    session.handle({ type: 'expect-this', target: { kind: 'Node', name: 'zone-a-1' } });
    session.handle({ type: 'expect-this', target: { kind: 'Zone', zone: 'zone-b' } });
    session.handle({ type: 'export-run' });
    const errors = frames.filter((f) => f.type === 'error');
    expect(errors).toEqual([]);
    const recording = frames.findLast((f): f is RecordingFrame => f.type === 'recording')!;
    expect(recording.inputs).toHaveLength(10);
    expect(recording.addedExpectations.length).toBeGreaterThanOrEqual(2);
    const exported = frames.find((f): f is RunExportFrame => f.type === 'run-export')!;

    const parsed = parseScenario(exported.text);
    if (!parsed.ok) throw new Error(parsed.errors[0]!.message);
    const outcome = runScenario(parsed.scenario);
    if (!outcome.ok) throw new Error(outcome.errors[0]!.message);
    // The added expectations hold where the page saw them.
    expect(outcome.result.passed).toBe(true);
    expect(outcome.result.expectations.length).toBe(recording.addedExpectations.length);
    expect(traceHash(outcome.result.trace, exported.untilMs)).toBe(exported.traceHash);
    expect(traceEvents(outcome.result.trace, exported.untilMs)).toEqual(pageEvents(frames));
  });

  it('exports the line of history a fork left: the discarded future is not in the file', () => {
    const { session, frames } = harness({ type: 'boot', seed: 1 });
    session.handle({ type: 'step', ms: 60_000 });
    session.handle({ type: 'act', action: { do: 'kill-node', node: 'zone-a-1' } });
    session.handle({ type: 'step', ms: 300_000 });
    session.handle({ type: 'seek', atMs: 30_000 });
    session.tick();
    session.handle({ type: 'act', action: { do: 'partition-zone', zone: 'zone-b' } });
    session.handle({ type: 'step', ms: 120_000 });
    session.handle({ type: 'export-run' });
    expect(frames.filter((f) => f.type === 'error')).toEqual([]);
    const recording = frames.findLast((f): f is RecordingFrame => f.type === 'recording')!;
    expect(recording.inputs).toEqual([{ atMs: 30_001, action: { do: 'partition-zone', zone: 'zone-b' } }]);
    const exported = frames.find((f): f is RunExportFrame => f.type === 'run-export')!;
    expect(exported.untilMs).toBe(150_001);
    expect(exported.text).not.toContain('kill-node');
    const parsed = parseScenario(exported.text);
    if (!parsed.ok) throw new Error(parsed.errors[0]!.message);
    const outcome = runScenario(parsed.scenario);
    if (!outcome.ok) throw new Error(outcome.errors[0]!.message);
    expect(traceHash(outcome.result.trace, exported.untilMs)).toBe(exported.traceHash);
  });

  it('boots a recorded run again where it was viewed, and refuses another default cluster version', () => {
    const first = harness({ type: 'boot', seed: 1 });
    first.session.handle({ type: 'step', ms: 30_000 });
    first.session.handle({ type: 'act', action: { do: 'kill-node', node: 'zone-a-1' } });
    first.session.handle({ type: 'step', ms: 120_000 });
    const recording = first.frames.findLast((f): f is RecordingFrame => f.type === 'recording')!;
    const at = first.session.snapshotNow()!;

    const again = harness({ type: 'boot', seed: 1, defaultCluster: 'default-cluster@2', inputs: recording.inputs, viewMs: at.nowMs });
    expect(again.session.snapshotNow()).toEqual(at);

    const other = harness({ type: 'boot', seed: 1, defaultCluster: 'default-cluster@9', inputs: recording.inputs });
    expect(other.frames[0]).toEqual({ type: 'error', message: 'This run was recorded on default-cluster@9, but this page has default-cluster@2: it cannot be replayed here.' });
    expect(other.session.snapshotNow()!.nowMs).toBe(0);
  });
});
