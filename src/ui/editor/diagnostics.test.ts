import { Text } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import type { EditorResultFrame } from '../../protocol/messages';
import { frameDiagnostics, problemDiagnostic } from './diagnostics';

const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replica: 3\n';
const doc = Text.of(text.split('\n'));
const message = 'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica"';

describe('editor diagnostics', () => {
  it('places a problem at its line and column, as wide as the key', () => {
    const from = text.indexOf('replica:');
    const d = problemDiagnostic(doc, { from, to: from + 7, line: 6, column: 3, message });
    expect(d).toEqual({ from, to: from + 7, severity: 'error', source: 'API server', message });
    expect(text.slice(d.from, d.to)).toBe('replica');
  });

  it('follows the line and column when the offsets are from an older text', () => {
    // The worker answered for a text with two more lines above; line 6 column 3 is still "replica".
    const d = problemDiagnostic(doc, { from: 999, to: 1006, line: 6, column: 3, message });
    expect(text.slice(d.from, d.to)).toBe('replica');
  });

  it('clamps a position past the text to its end, never outside it', () => {
    const d = problemDiagnostic(doc, { from: 0, to: 0, line: 40, column: 80, message: 'x' });
    expect(d.from).toBeLessThanOrEqual(doc.length);
    expect(d.to).toBeLessThanOrEqual(doc.length);
    expect(d.from).toBeLessThanOrEqual(d.to);
    const empty = problemDiagnostic(Text.of(['']), { from: 0, to: 0, line: 1, column: 1, message: 'x' });
    expect(empty).toMatchObject({ from: 0, to: 0 });
  });

  it('lists every document\'s problems and a whole-buffer error', () => {
    const frame: EditorResultFrame = {
      type: 'editor-result',
      seq: 1,
      op: 'validate',
      error: 'the editor holds too many objects',
      documents: [
        { index: 0, object: 'deployment.apps/web', line: 'x', outcome: 'error', problems: [{ from: 0, to: 10, line: 1, column: 1, message: 'a' }] },
        { index: 1, object: '', line: '', outcome: 'empty', problems: [] },
      ],
    };
    const list = frameDiagnostics(doc, frame);
    expect(list.map((d) => d.message)).toEqual(['the editor holds too many objects', 'a']);
    expect(list[0]).toMatchObject({ from: 0, to: 'apiVersion: apps/v1'.length });
  });
});
