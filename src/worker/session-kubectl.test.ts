import { describe, expect, it } from 'vitest';
import type { KubectlOutputFrame, SimFrame } from '../protocol/messages';
import type { Node } from '../sim';
import { sessionHarness } from './session-harness';
import { stdinAsJson } from './kubectl';

function harness() {
  const h = sessionHarness();
  h.session.handle({ type: 'step', ms: 60_000 });
  h.take();
  return h;
}

const output = (frames: SimFrame[]) => frames.filter((f): f is KubectlOutputFrame => f.type === 'kubectl-output');
const text = (frames: SimFrame[], stream: 'stdout' | 'stderr' = 'stdout') =>
  output(frames)
    .filter((f) => f.stream === stream)
    .map((f) => f.text)
    .join('\n');

describe('the kubectl command', () => {
  it('answers a read at once, with kubectl output, and records nothing', () => {
    const { session, take } = harness();
    session.handle({ type: 'kubectl', id: 1, line: 'kubectl get nodes' });
    const frames = take();
    expect(text(frames).split('\n')[0]).toBe('NAME       STATUS   ROLES    AGE   VERSION');
    expect(output(frames).at(-1)).toMatchObject({ id: 1, done: true, exitCode: 0 });
    expect(frames.some((f) => f.type === 'recording')).toBe(false);
  });

  it('records a mutating line as an input (replayable, exported), with its output', () => {
    const { session, take } = harness();
    session.handle({ type: 'kubectl', id: 2, line: 'kubectl cordon zone-a-1' });
    const frames = take();
    expect(text(frames)).toBe('node/zone-a-1 cordoned');
    const recording = frames.find((f) => f.type === 'recording');
    expect(recording && recording.type === 'recording' && recording.inputs.at(-1)).toEqual({ atMs: 60_001, action: { do: 'kubectl', line: 'kubectl cordon zone-a-1' } });
    const node = (session.snapshotNow()!.objects.Node as Node[]).find((n) => n.metadata.name === 'zone-a-1')!;
    expect(node.spec.unschedulable).toBe(true);
  });

  it('typed while viewing the past, a mutating line forks', () => {
    const { session, take } = harness();
    session.handle({ type: 'step', ms: 60_000 });
    session.handle({ type: 'seek', atMs: 30_000 });
    session.tick();
    take();
    session.handle({ type: 'kubectl', id: 3, line: 'kubectl cordon zone-b-1' });
    const frames = take();
    const timeline = frames.filter((f) => f.type === 'timeline').at(-1);
    expect(timeline && timeline.type === 'timeline' && timeline.rewritten).toEqual({ atMs: 30_000, undoable: true });
    expect(text(frames)).toBe('node/zone-b-1 cordoned');
  });

  it('streams a drain blocked by a PDB as simulated time moves, and Ctrl+C ends it', () => {
    const { session, take } = harness();
    const strict = 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\n  namespace: default\nspec:\n  maxUnavailable: 0\n  selector:\n    matchLabels:\n      app: web\n';
    session.handle({ type: 'kubectl', id: 4, line: 'kubectl apply -f -', stdin: strict });
    expect(text(take())).toBe('poddisruptionbudget.policy/web configured');
    session.handle({ type: 'kubectl', id: 5, line: 'kubectl drain zone-a-1 --ignore-daemonsets' });
    const first = take();
    expect(text(first)).toContain('node/zone-a-1 cordoned');
    expect(text(first, 'stderr')).toContain('(will retry after 5s): Cannot evict pod as it would violate the pod\'s disruption budget.');
    expect(output(first).some((f) => f.done)).toBe(false);
    session.handle({ type: 'step', ms: 10_000 });
    const retries = text(take(), 'stderr').split('\n').filter((l) => l.includes('will retry after 5s'));
    expect(retries.length).toBe(2);
    session.handle({ type: 'kubectl-cancel' });
    expect(output(take()).at(-1)).toMatchObject({ id: 5, text: '^C', done: true });
  });

  it('turns YAML stdin into the JSON the engine records; a YAML error is reported, nothing recorded', () => {
    expect(stdinAsJson('a: 1\n---\nb: 2\n')).toEqual({ ok: true, json: '[{"a":1},{"b":2}]' });
    const bad = stdinAsJson('a: [1, 2\n');
    expect(bad.ok).toBe(false);
    const { session, take } = harness();
    session.handle({ type: 'kubectl', id: 6, line: 'kubectl apply -f -', stdin: 'kind: [' });
    const frames = take();
    expect(text(frames, 'stderr')).toMatch(/^error: error parsing STDIN/);
    expect(frames.some((f) => f.type === 'recording')).toBe(false);
  });

  it('echoes a click as the kubectl command that does the same', () => {
    const { session, take } = harness();
    session.handle({ type: 'act', action: { do: 'drain', node: 'zone-c-2' } });
    const result = take().find((f) => f.type === 'action-result');
    expect(result).toMatchObject({ kubectl: 'kubectl drain zone-c-2 --ignore-daemonsets --delete-emptydir-data' });
  });
});
