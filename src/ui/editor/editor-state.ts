/**
 * The YAML editor's state outside React: the buffer (kept with the saved
 * session), the last results, and the requests to the worker (`editor`
 * commands, answered by `editor-result` frames matched by seq).
 */
import { create } from 'zustand';
import { stringify } from 'yaml';
import type { EditorOp, EditorResultFrame, KubeObject } from '../../protocol/messages';
import { onWorkerStopped, sendCommand, subscribeFrames } from '../sim-client';
import { showSideTab } from '../chrome/layout-state';

export interface EditorState {
  text: string;
  /** The last Apply / Dry run / Delete answer (validation answers go to the linter only). */
  result: EditorResultFrame | null;
  /** The operation waiting for its answer. */
  busy: EditorOp | null;
  /** Why the last operation got no answer (its worker stopped), or null. */
  stopped: string | null;
  /** Bumped when the buffer is replaced from outside (Edit, Examples, a restored session), so the view reloads it. */
  revision: number;
  /** Bumped when the editor should take focus with the new buffer (Edit, an example; not a restored session). */
  focusRequest: number;
}

export const useEditor = create<EditorState>()(() => ({ text: '', result: null, busy: null, stopped: null, revision: 0, focusRequest: 0 }));

let seq = 0;
const waiting = new Map<number, { resolve: (frame: EditorResultFrame) => void; reject: (error: Error) => void }>();
let listening = false;

/** A request whose worker stopped before it answered (a hang, a crash, a restart). */
export class WorkerStoppedError extends Error {
  constructor() {
    super('The simulation stopped before it answered: once it runs again, check the cluster for what this request changed.');
  }
}

function listen(): void {
  if (listening) return;
  listening = true;
  subscribeFrames((frame) => {
    if (frame.type !== 'editor-result') return;
    const pending = waiting.get(frame.seq);
    if (!pending) return;
    waiting.delete(frame.seq);
    pending.resolve(frame);
  });
  onWorkerStopped(() => {
    const stranded = [...waiting.values()];
    waiting.clear();
    for (const pending of stranded) pending.reject(new WorkerStoppedError());
  });
}

/** Sends one editor command; resolves with its answer, or rejects with WorkerStoppedError if the worker stops first. */
export function request(op: EditorOp, text: string): Promise<EditorResultFrame> {
  listen();
  const id = ++seq;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    sendCommand({ type: 'editor', seq: id, op, text });
  });
}

/** Apply, Dry run or Delete of the whole buffer; the answer is shown beside the editor. */
export async function runOperation(op: Exclude<EditorOp, 'validate'>): Promise<void> {
  const { text, busy } = useEditor.getState();
  if (busy) return;
  useEditor.setState({ busy: op });
  try {
    const result = await request(op, text);
    useEditor.setState({ result, stopped: null });
  } catch (error) {
    if (!(error instanceof WorkerStoppedError)) throw error;
    useEditor.setState({ stopped: error.message });
  } finally {
    useEditor.setState({ busy: null });
  }
}

/** Typing: the buffer changes, nothing is re-created. */
export function setEditorText(text: string): void {
  useEditor.setState({ text });
}

/** Replaces the buffer (Edit on an object, an example) and shows the editor tab. */
export function openInEditor(text: string): void {
  useEditor.setState((s) => ({ text, result: null, revision: s.revision + 1, focusRequest: s.focusRequest + 1 }));
  showSideTab('editor');
}

/** The object as `kubectl get -o yaml` prints it, without managed fields. */
export function liveYaml(object: KubeObject): string {
  const copy = { ...object, metadata: { ...object.metadata } } as KubeObject;
  delete (copy.metadata as unknown as Record<string, unknown>).managedFields;
  return stringify(copy, { lineWidth: 0 });
}

/** For the saved session: the buffer, restored on reload. */
export function editorSnapshot(): { editorText: string } {
  return { editorText: useEditor.getState().text };
}

export function restoreEditor(saved: Record<string, unknown>): void {
  if (typeof saved.editorText === 'string' && saved.editorText !== useEditor.getState().text) {
    useEditor.setState((s) => ({ text: saved.editorText as string, revision: s.revision + 1 }));
  }
}

export function subscribeEditorText(listener: () => void): () => void {
  return useEditor.subscribe((now, before) => {
    if (now.text !== before.text) listener();
  });
}
