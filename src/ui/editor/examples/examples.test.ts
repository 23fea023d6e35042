/** Every example of the Examples menu applies cleanly on the default cluster, and its pods come up. */
import { describe, expect, it } from 'vitest';
import type { EditorResultFrame, SimFrame } from '../../../protocol/messages';
import { SimSession } from '../../../worker/session';
import { EDITOR_EXAMPLES } from '.';

describe('editor examples', () => {
  it.each(EDITOR_EXAMPLES.map((e) => [e.id, e.text]))('%s applies cleanly', (_id, text) => {
    const frames: SimFrame[] = [];
    const session = new SimSession({ post: (f) => frames.push(f), wallNowMs: () => 0, setTicking: () => {} });
    session.handle({ type: 'boot', seed: 1 });
    session.handle({ type: 'editor', seq: 1, op: 'apply', text });
    const result = frames.find((f): f is EditorResultFrame => f.type === 'editor-result')!;
    const docs = result.documents.filter((d) => d.outcome !== 'empty');
    expect(docs.map((d) => d.problems)).toEqual(docs.map(() => []));
    expect(docs.every((d) => d.outcome === 'created')).toBe(true);
    session.handle({ type: 'step', ms: 120_000 });
    const snapshot = session.snapshotNow()!;
    const pods = snapshot.objects.Pod ?? [];
    const names = docs.map((d) => d.object.split('/')[1]!);
    expect(pods.some((p) => names.some((n) => p.metadata.name.startsWith(n)))).toBe(true);
  });
});
