import { describe, expect, it } from 'vitest';
import type { ContainerLogsFrame, ExplanationFrame, ScenarioRejectedFrame, SnapshotFrame } from '../protocol/messages';
import { sessionHarness } from './session-harness';

const harness = () => sessionHarness();

describe('SimSession: scenarios, settings and explanations', () => {
  it('rejects an invalid scenario with its line and keeps the running world', () => {
    const { session, take } = harness();
    take();
    session.handle({ type: 'step', ms: 10_000 });
    take();
    session.handle({ type: 'boot-scenario', fileName: 'bad.yaml', text: 'name: x\nseed: 1\ncluster:\n  zones: [{name: lab, nodes: 1}]\nactions:\n  - {at: 1s, do: explode}\n' });
    const [rejected, ...rest] = take();
    expect(rest).toEqual([]);
    expect(rejected).toMatchObject({ type: 'scenario-rejected', fileName: 'bad.yaml' });
    expect((rejected as ScenarioRejectedFrame).errors[0]).toMatchObject({ path: 'actions[0].do', line: 6 });
    session.handle({ type: 'step', ms: 1_000 });
    expect(take().some((f) => f.type === 'diff' && f.nowMs === 11_000)).toBe(true);
  });

  it('boots a valid scenario with its nodes, settings and expectations', () => {
    const { session, take } = harness();
    take();
    const text = 'name: lab\nseed: 3\nsettings: {nodeMonitorGracePeriod: 20s}\ncluster:\n  zones: [{name: lab, nodes: 2}]\nexpect:\n  - {at: 30s, node: lab-1, condition: {type: Ready, status: "True"}}\n';
    session.handle({ type: 'boot-scenario', fileName: 'lab.yaml', text });
    const snapshot = take()[0] as SnapshotFrame;
    expect(snapshot.type).toBe('snapshot');
    expect(snapshot.objects.Node?.map((n) => n.metadata.name)).toEqual(['lab-1', 'lab-2']);
    expect(snapshot.settings?.current.nodeMonitorGracePeriodMs).toBe(20_000);
    expect(snapshot.settings?.defaults.nodeMonitorGracePeriodMs).toBe(50_000);
    expect(snapshot.scenario).toMatchObject({ fileName: 'lab.yaml', name: 'lab', expectations: [{ atMs: 30_000 }] });
  });

  it('boots with settings and follows an explanation as it changes', () => {
    const { session, take } = harness();
    session.handle({ type: 'boot', seed: 1, settings: { nodeMonitorGracePeriodMs: 20_000 } });
    take();
    session.handle({ type: 'explain', target: { kind: 'Node', name: 'zone-a-1' } });
    const first = take().find((f): f is ExplanationFrame => f.type === 'explanation');
    expect(first?.summary).toBe('Ready=True');
    session.handle({ type: 'act', action: { do: 'kill-node', node: 'zone-a-1' } });
    session.handle({ type: 'step', ms: 30_000 });
    const latest = take().filter((f): f is ExplanationFrame => f.type === 'explanation').at(-1);
    expect(latest?.summary).toBe('Ready=Unknown');
    expect(latest?.lines.map((l) => l.text).join('\n')).toContain('Ready=Unknown at 25 s');
    session.handle({ type: 'explain', target: null });
    session.handle({ type: 'step', ms: 60_000 });
    expect(take().some((f) => f.type === 'explanation')).toBe(false);
  });

  it('answers container-logs with the lines at the instant shown, and the proxy error once the node is dead', () => {
    const { session, take } = harness();
    session.handle({ type: 'step', ms: 10_000 });
    const snapshot = take().find((f): f is SnapshotFrame => f.type === 'snapshot');
    void snapshot;
    session.handle({ type: 'container-logs', namespace: 'kube-system', pod: 'nope' });
    expect(take()).toEqual([{ type: 'container-logs', namespace: 'kube-system', pod: 'nope', previous: false, atMs: 10_000, result: { ok: false, error: { code: 404, reason: 'NotFound', message: 'pods "nope" not found' } } }]);
    session.handle({ type: 'act', action: { do: 'kill-node', node: 'zone-a-1' } });
    take();
    session.handle({ type: 'container-logs', namespace: 'default', pod: 'db-0' });
    const [frame] = take() as ContainerLogsFrame[];
    // db-0 runs wherever the scheduler put it: lines, or the dial error if that was zone-a-1.
    if (frame!.result.ok) expect(frame!.result.lines.map((l) => l.text)).toContain('PostgreSQL Database directory appears to contain a database; Skipping initialization');
    else expect(frame!.result.error.message).toMatch(/^Get "https:\/\/172\.18\.0\.3:10250\/containerLogs\/default\/db-0\/postgres": dial tcp 172\.18\.0\.3:10250: connect: no route to host$/);
  });
});

