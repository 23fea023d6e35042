/**
 * The editor's commands through a session: validate places the API
 * server's errors on their line and column, dry-run prints kubectl diff's
 * unified diff, apply prints kubectl's "created / configured / unchanged".
 */
import { describe, expect, it } from 'vitest';
import type { EditorResultFrame, SimFrame } from '../protocol/messages';
import { objectYaml } from './editor';
import { SimSession } from './session';

function harness() {
  const frames: SimFrame[] = [];
  const session = new SimSession({ post: (frame) => frames.push(structuredClone(frame)), wallNowMs: () => 0, setTicking: () => {} });
  session.handle({ type: 'boot', seed: 1, nodes: [{ name: 'n1' }, { name: 'n2' }] });
  let seq = 0;
  const run = (op: EditorResultFrame['op'], text: string): EditorResultFrame => {
    frames.length = 0;
    session.handle({ type: 'editor', seq: ++seq, op, text });
    const frame = frames.find((f): f is EditorResultFrame => f.type === 'editor-result');
    if (!frame) throw new Error(`no editor-result: ${JSON.stringify(frames.filter((f) => f.type === 'error'))}`);
    return frame;
  };
  return { session, run, frames };
}

const web = (replicasLine = 'replicas: 2') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  ${replicasLine}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.27
`;

describe('editor commands', () => {
  it('validate places an unknown field on its key, line and column', () => {
    const { run } = harness();
    const frame = run('validate', web('replica: 3'));
    const [doc] = frame.documents;
    expect(doc!.outcome).toBe('error');
    expect(doc!.problems).toEqual([
      {
        from: web('replica: 3').indexOf('replica:'),
        to: web('replica: 3').indexOf('replica:') + 'replica'.length,
        line: 6,
        column: 3,
        message: 'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica"',
      },
    ]);
    expect(doc!.line).toBe(
      'Error from server (BadRequest): error when creating "STDIN": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica"',
    );
  });

  it('validate reports YAML syntax errors at their position, per document', () => {
    const { run } = harness();
    const text = `${web()}---\nkind: [unclosed\n`;
    const frame = run('validate', text);
    expect(frame.documents).toHaveLength(2);
    expect(frame.documents[0]!.outcome).toBe('created');
    expect(frame.documents[1]!.outcome).toBe('error');
    expect(frame.documents[1]!.problems[0]!.line).toBeGreaterThanOrEqual(17);
  });

  it('answers an Ingress with no matches for kind, on its kind line', () => {
    const { run } = harness();
    const frame = run('validate', 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: x\n');
    expect(frame.documents[0]!.line).toBe(
      'error: resource mapping not found for name: "x" namespace: "" from "STDIN": no matches for kind "Ingress" in version "networking.k8s.io/v1"\nensure CRDs are installed first',
    );
    expect(frame.documents[0]!.problems[0]!.line).toBe(2);
  });

  it('apply creates, then reports unchanged, then configured; validate changes nothing', () => {
    const { run, session } = harness();
    expect(run('validate', web()).documents[0]!.line).toBe('deployment.apps/web created');
    expect(session.snapshotNow()!.objects.Deployment ?? []).toHaveLength(0);
    expect(run('apply', web()).documents[0]!.line).toBe('deployment.apps/web created');
    expect(session.snapshotNow()!.objects.Deployment).toHaveLength(1);
    expect(run('apply', web()).documents[0]!.line).toBe('deployment.apps/web unchanged');
    expect(run('apply', web('replicas: 3')).documents[0]!.line).toBe('deployment.apps/web configured');
    expect(run('delete', web()).documents[0]!.line).toBe('deployment.apps "web" deleted');
  });

  it('dry-run prints the diff of the live object against the merged one, as kubectl diff', () => {
    const { run } = harness();
    run('apply', web());
    const frame = run('dry-run', web('replicas: 5'));
    const diff = frame.documents[0]!.diff!;
    const lines = diff.split('\n');
    expect(lines[0]).toBe('diff -u -N /tmp/LIVE-0/apps.v1.Deployment.default.web /tmp/MERGED-0/apps.v1.Deployment.default.web');
    expect(lines[1]).toBe('--- /tmp/LIVE-0/apps.v1.Deployment.default.web');
    expect(lines[2]).toBe('+++ /tmp/MERGED-0/apps.v1.Deployment.default.web');
    expect(lines).toContain('-  replicas: 2');
    expect(lines).toContain('+  replicas: 5');
    expect(lines).toContain('-  generation: 1');
    expect(lines).toContain('+  generation: 2');
  });

  it('applies an edited live copy, and refuses it once stale with the optimistic-lock conflict', () => {
    const { run, session } = harness();
    run('apply', web());
    const live = session.snapshotNow()!.objects.Deployment![0]!;
    const edited = objectYaml(live).replace('replicas: 2', 'replicas: 4');
    expect(edited).not.toContain('managedFields');
    expect(run('apply', edited).documents[0]!.line).toBe('deployment.apps/web configured');
    // The copy named the resourceVersion it was read at; the object has moved on since.
    const frame = run('apply', edited.replace('replicas: 4', 'replicas: 5'));
    expect(frame.documents[0]!.outcome).toBe('error');
    expect(frame.documents[0]!.line).toContain(
      'Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again',
    );
    expect(frame.documents[0]!.line).toMatch(/^Error from server \(Conflict\): /);
    expect(frame.documents[0]!.problems[0]!.line).toBe(edited.split('\n').findIndex((l) => l.includes('resourceVersion:')) + 1);
    expect((session.snapshotNow()!.objects.Deployment![0] as unknown as { spec: unknown }).spec).toMatchObject({ replicas: 4 });
  });

  it('names the limit when the buffer is too large', () => {
    const { run } = harness();
    const frame = run('validate', 'a: "' + 'x'.repeat(2 * 2 ** 20) + '"\n');
    expect(frame.error).toMatch(/is over the page's limit of 2,097,152 bytes/);
  });
});
