/**
 * The worker's answer to `validate`, as CodeMirror lint diagnostics: each
 * problem is placed at the line and column the API server's error names
 * (the key of the field, the item, or the YAML syntax error), keeping its
 * width, clamped to the text as it is now.
 */
import type { Diagnostic } from '@codemirror/lint';
import type { Text } from '@codemirror/state';
import type { EditorProblem, EditorResultFrame } from '../../protocol/messages';

/** One problem → one diagnostic in `doc` (1-based line and column). */
export function problemDiagnostic(doc: Text, problem: EditorProblem): Diagnostic {
  const lineNo = Math.min(Math.max(1, problem.line), doc.lines);
  const line = doc.line(lineNo);
  const from = Math.min(line.from + Math.max(0, problem.column - 1), line.to);
  const width = Math.max(1, problem.to - problem.from);
  // An empty line or a position at its end still gets a mark one character wide, when there is one.
  const to = Math.min(Math.max(from + width, from + 1), doc.length);
  return { from, to: Math.max(from, to), severity: 'error', source: 'API server', message: problem.message };
}

/** Every problem of every document of the answer; a whole-buffer error (over a limit) on the first line. */
export function frameDiagnostics(doc: Text, frame: EditorResultFrame): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (frame.error) out.push({ from: 0, to: Math.min(doc.line(1).to, doc.length) || 0, severity: 'error', source: 'API server', message: frame.error });
  for (const document of frame.documents) {
    for (const problem of document.problems) out.push(problemDiagnostic(doc, problem));
  }
  return out;
}
