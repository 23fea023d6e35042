import { describe, expect, it } from 'vitest';
import type { SimFrame } from '../protocol/messages';
import { SimSession } from './session';

function harness() {
  const frames: SimFrame[] = [];
  const session = new SimSession({ post: (frame) => frames.push(structuredClone(frame)), wallNowMs: () => 0, setTicking: () => {} });
  session.handle({ type: 'boot', seed: 1 });
  session.handle({ type: 'step', ms: 10_000 });
  frames.splice(0);
  const replicas = () => (session.snapshotNow()!.objects.Deployment as unknown as { metadata: { name: string }; spec: { replicas?: number } }[]).find((d) => d.metadata.name === 'web')!.spec.replicas;
  return { session, take: () => frames.splice(0), replicas };
}

const LIMIT = "10,000,000 replicas is over the page's limit of 5,000 replicas";

describe('every way in refuses an action over a limit the same way', () => {
  it('a page action: an action-result with the reason, nothing recorded, the cluster kept', () => {
    const { session, take, replicas } = harness();
    session.handle({ type: 'act', action: { do: 'scale', kind: 'Deployment', name: 'web', replicas: 10_000_000 } });
    const frames = take();
    expect(frames.find((f) => f.type === 'action-result')).toMatchObject({ error: `replicas: ${LIMIT}` });
    expect(frames.some((f) => f.type === 'recording')).toBe(false);
    expect(replicas()).toBe(6);
  });

  it('a kubectl line: kubectl\'s stderr says it, exit status 1', () => {
    const { session, take, replicas } = harness();
    session.handle({ type: 'kubectl', id: 1, line: 'kubectl scale deployment web --replicas=10000000' });
    const frames = take();
    const out = frames.filter((f) => f.type === 'kubectl-output');
    expect(out.map((f) => f.text).join('\n')).toContain(`error: --replicas: ${LIMIT}`);
    expect(out.at(-1)).toMatchObject({ done: true, exitCode: 1 });
    expect(replicas()).toBe(6);
  });

  it('the editor\'s apply: the document\'s outcome is the error', () => {
    const { session, take, replicas } = harness();
    const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: default}\nspec:\n  replicas: 10000000\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: nginx, image: "nginx:1.27"}]}\n';
    session.handle({ type: 'editor', seq: 1, op: 'apply', text });
    const result = take().find((f) => f.type === 'editor-result');
    expect(JSON.stringify(result)).toContain(`spec.replicas: ${LIMIT}`);
    expect(replicas()).toBe(6);
  });

  it('a link\'s recorded inputs: refused before the running world is replaced', () => {
    const { session, take } = harness();
    session.handle({ type: 'boot', seed: 1, inputs: [{ atMs: 5_000, action: { do: 'scale', kind: 'Deployment', name: 'web', replicas: 10_000_000 } }] });
    const error = take().find((f) => f.type === 'error');
    expect(error).toMatchObject({ message: expect.stringContaining(`replicas: ${LIMIT}`) });
    expect(session.snapshotNow()!.nowMs).toBe(10_000);
  });
});
