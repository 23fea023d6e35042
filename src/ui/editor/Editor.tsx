/**
 * The YAML editor tab: CodeMirror 6 over the buffer kept in editor-state
 * (so switching tabs or reloading loses nothing), checked by the API
 * server's rules as you type (the worker's `validate`, debounced), with
 * completion from the Kubernetes schema, and Apply / Dry run / Delete.
 *
 * Keyboard: Tab indents (indentWithTab); Escape then Tab leaves the editor
 * (CodeMirror's tab focus mode), Ctrl+M toggles that mode, Ctrl+Enter applies.
 * Escape inside the editor never closes the inspector.
 */
import { useEffect, useRef, useState } from 'react';
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { yaml } from '@codemirror/lang-yaml';
import { bracketMatching, defaultHighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { linter, lintGutter, lintKeymap, type Diagnostic } from '@codemirror/lint';
import { EditorSelection, EditorState, StateEffect } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers, placeholder } from '@codemirror/view';
import { Popover } from '../chrome/Popover';
import { useLayout } from '../chrome/layout-state';
import { frameDiagnostics } from './diagnostics';
import { request, runOperation, setEditorText, useEditor, WorkerStoppedError } from './editor-state';
import { EditorResults } from './EditorResults';
import { EDITOR_EXAMPLES } from './examples';
import { completeManifest } from './schema-complete';
import './editor.css';

const LINT_DELAY_MS = 300;

/** The cluster changed under the text (an Apply or Delete answered): check it again. */
const recheck = StateEffect.define<null>();

/** The page's look inside the shadow root (editor.css cannot reach in); custom properties inherit. */
const EDITOR_THEME = EditorView.theme({
  '&': { flex: '1 1 auto', minWidth: '0', height: '100%', fontSize: '0.82rem', background: '#fff' },
  '&.cm-focused': { outline: '3px solid #6ea1ff', outlineOffset: '-3px' },
  '.cm-scroller': { fontFamily: 'var(--mono)', lineHeight: '1.4' },
  '.cm-gutters': { background: '#f3f5f8', color: '#4f5763', borderRight: '1px solid var(--line)' },
  '.cm-placeholder': { color: '#5b6370' },
  '.cm-tooltip': { fontFamily: 'system-ui, sans-serif', fontSize: '0.82rem', maxWidth: '26rem' },
});

interface Problem {
  line: number;
  column: number;
  message: string;
}

/** What the linter last found, for the list under the editor (the marks alone are not enough for every reader). */
type Checked = { state: 'idle' } | { state: 'checking' } | { state: 'done'; problems: Problem[] };

function problemsOf(view: EditorView, diagnostics: readonly Diagnostic[]): Problem[] {
  return diagnostics.map((d) => {
    const line = view.state.doc.lineAt(d.from);
    return { line: line.number, column: d.from - line.from + 1, message: d.message };
  });
}

export function Editor() {
  const host = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const [checked, setChecked] = useState<Checked>({ state: 'idle' });
  const busy = useEditor((s) => s.busy);
  const sideTab = useLayout((s) => s.sideTab);

  useEffect(() => {
    const setCheckedLater = setChecked;
    const validate = async (view: EditorView): Promise<Diagnostic[]> => {
      const doc = view.state.doc;
      const text = doc.toString();
      if (!text.trim()) {
        setCheckedLater({ state: 'idle' });
        return [];
      }
      setCheckedLater({ state: 'checking' });
      let frame;
      try {
        frame = await request('validate', text);
      } catch (error) {
        // The worker stopped (its restart re-checks the buffer on the next edit).
        if (!(error instanceof WorkerStoppedError)) throw error;
        setCheckedLater({ state: 'idle' });
        return [];
      }
      const diagnostics = frameDiagnostics(doc, frame);
      if (view.state.doc === doc) setCheckedLater({ state: 'done', problems: problemsOf(view, diagnostics) });
      return diagnostics;
    };
    const state = EditorState.create({
      doc: useEditor.getState().text,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        closeBrackets(),
        highlightActiveLine(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        yaml(),
        autocompletion({ override: [completeManifest] }),
        linter(validate, { delay: LINT_DELAY_MS, needsRefresh: (update) => update.transactions.some((tr) => tr.effects.some((e) => e.is(recheck))) }),
        lintGutter(),
        placeholder('Paste or write manifests here (several separated by ---), or pick one from Examples.'),
        keymap.of([
          { key: 'Mod-Enter', run: () => (void runOperation('apply'), true) },
          ...closeBracketsKeymap,
          ...completionKeymap,
          ...defaultKeymap,
          ...historyKeymap,
          ...lintKeymap,
          indentWithTab,
        ]),
        // The side panel is narrow: long lines (an image, the last-applied annotation) wrap rather than scroll sideways.
        EditorView.lineWrapping,
        EDITOR_THEME,
        EditorView.contentAttributes.of({ 'aria-label': 'YAML manifests', 'aria-describedby': 'editor-help', tabindex: '0' }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) setEditorText(update.state.doc.toString());
        }),
      ],
    });
    // In a shadow root CodeMirror's styles go in as constructed style sheets: the page's
    // Content-Security-Policy (style-src 'self', vite.config.ts) refuses the <style> tags it adds to a document.
    const shadow = host.current!.shadowRoot ?? host.current!.attachShadow({ mode: 'open' });
    const view = new EditorView({ state, parent: shadow, root: shadow });
    viewRef.current = view;

    // The buffer replaced from outside (Edit, an example, a restored session): one undoable change.
    let revision = useEditor.getState().revision;
    let focusRequest = useEditor.getState().focusRequest;
    const unsubscribe = useEditor.subscribe((s, before) => {
      // After Apply or Delete the cluster is not what the last check saw: check again (a stale Edit now shows its conflict).
      if (s.result !== before.result && s.result) view.dispatch({ effects: recheck.of(null) });
      if (s.revision !== revision) {
        revision = s.revision;
        if (s.text !== view.state.doc.toString()) {
          view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: s.text }, selection: EditorSelection.cursor(0), scrollIntoView: true });
        }
      }
      if (s.focusRequest !== focusRequest) {
        focusRequest = s.focusRequest;
        requestAnimationFrame(() => view.focus());
      }
    });
    return () => {
      unsubscribe();
      view.destroy();
      viewRef.current = null;
    };
  }, []);

  // A view created in a hidden tab measures again once shown.
  useEffect(() => {
    if (sideTab === 'editor') viewRef.current?.requestMeasure();
  }, [sideTab]);

  const goTo = (line: number, column: number) => {
    const view = viewRef.current;
    if (!view) return;
    const at = view.state.doc.line(Math.min(Math.max(1, line), view.state.doc.lines));
    const pos = Math.min(at.from + column - 1, at.to);
    view.dispatch({ selection: EditorSelection.cursor(pos), scrollIntoView: true });
    view.focus();
  };

  const run = (op: 'apply' | 'dry-run' | 'delete') => void runOperation(op);

  return (
    <section aria-labelledby="editor-heading" className="panel editor">
      <div className="panel-head">
        <h2 id="editor-heading">Editor</h2>
        <p className="muted" id="editor-help">
          YAML checked by the API server as you type · Tab indents · Esc then Tab leaves · Ctrl+Enter applies
        </p>
      </div>
      <div className="editor-toolbar" role="toolbar" aria-label="Editor actions">
        <button type="button" className="primary" onClick={() => run('apply')} aria-disabled={busy !== null}>
          {busy === 'apply' ? 'Applying…' : 'Apply'}
        </button>
        <button type="button" onClick={() => run('dry-run')} aria-disabled={busy !== null}>
          {busy === 'dry-run' ? 'Diffing…' : 'Dry run'}
        </button>
        <button type="button" onClick={() => run('delete')} aria-disabled={busy !== null}>
          {busy === 'delete' ? 'Deleting…' : 'Delete'}
        </button>
        <Popover label="Examples" title="Examples" align="end" className="editor-examples">
          {(close) => (
            <ul className="plain">
              {EDITOR_EXAMPLES.map((example) => (
                <li key={example.id}>
                  <button
                    type="button"
                    className="link"
                    onClick={() => {
                      close();
                      useEditor.setState((s) => ({ text: example.text, result: null, revision: s.revision + 1, focusRequest: s.focusRequest + 1 }));
                    }}
                  >
                    {example.label}
                  </button>
                </li>
              ))}
              <li className="muted small-print">Loading one replaces the text; Ctrl+Z brings yours back.</li>
            </ul>
          )}
        </Popover>
      </div>
      <div className="editor-cm" ref={host} />
      <ProblemList checked={checked} goTo={goTo} />
      <EditorResults goTo={goTo} />
    </section>
  );
}

function ProblemList({ checked, goTo }: { checked: Checked; goTo: (line: number, column: number) => void }) {
  let summary: string;
  if (checked.state === 'idle') summary = 'Nothing to check yet.';
  else if (checked.state === 'checking') summary = 'Checking…';
  else if (checked.problems.length === 0) summary = 'The API server finds no problems.';
  else summary = `${checked.problems.length} problem${checked.problems.length === 1 ? '' : 's'} found by the API server:`;
  return (
    <div className="editor-problems">
      <p className="editor-check" role="status" aria-live="polite">
        {checked.state === 'done' && checked.problems.length > 0 ? <span className="editor-badge editor-badge-error">Error</span> : null} {summary}
      </p>
      {checked.state === 'done' && checked.problems.length > 0 ? (
        <ul className="plain editor-problem-list" aria-label="Problems">
          {checked.problems.map((p, i) => (
            <li key={i}>
              <button type="button" className="link mono" onClick={() => goTo(p.line, p.column)}>
                line {p.line}:{p.column}
              </button>{' '}
              <span>{p.message}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
