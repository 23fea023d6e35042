/** Every example of the editor's Examples menu (src/ui/editor/examples) applies cleanly on the default cluster, and its pods come up. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EditorResultFrame, SimFrame } from '../protocol/messages';
import { SimSession } from './session';

const dir = join(import.meta.dirname, '../ui/editor/examples');
const EDITOR_EXAMPLES = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => ({ id: f, text: readFileSync(join(dir, f), 'utf8') }));

describe('editor examples', () => {
  it('are all five there', () => expect(EDITOR_EXAMPLES).toHaveLength(5));
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
