/**
 * The console's state: the scrollback (commands, their output, the graph's
 * clicks echoed as kubectl), the command history (kept with the saved
 * session) and the running command. Output arrives as kubectl-output frames.
 */
import { create } from 'zustand';
import type { SimFrame } from '../../protocol/messages';
import { onWorkerStopped, sendCommand, subscribeFrames } from '../sim-client';

export type LineKind = 'command' | 'stdout' | 'stderr' | 'echo' | 'note';

export interface ConsoleLine {
  /** Unique and increasing: React keys, and "what is new" for the announcer. */
  seq: number;
  kind: LineKind;
  text: string;
}

export interface ConsoleState {
  lines: ConsoleLine[];
  history: string[];
  /** The id of the command whose output is still coming, or null. */
  running: number | null;
  /** `apply -f -` (or create/delete -f -) waiting for its manifests. */
  awaitingStdin: string | null;
}

/** Lines kept in the scrollback (a long `get -w` keeps the newest). */
export const MAX_LINES = 2000;
export const MAX_HISTORY = 200;

export const useConsole = create<ConsoleState>()(() => ({ lines: [], history: [], running: null, awaitingStdin: null }));

let seq = 0;
let nextId = 1;

function append(kind: LineKind, text: string): void {
  const added = text.split('\n').map((t) => ({ seq: ++seq, kind, text: t }));
  useConsole.setState((s) => {
    const lines = [...s.lines, ...added];
    return { lines: lines.length > MAX_LINES ? lines.slice(lines.length - MAX_LINES) : lines };
  });
}

/** Whether the line reads its manifests from stdin (`-f -`, `--filename=-`). */
export function readsStdin(line: string): boolean {
  return /(^|\s)(-f\s*-|--filename[=\s]-)(\s|$)/.test(line);
}

/** Runs a command line (or, with stdin, the line that was waiting for it). */
export function runLine(line: string, stdin?: string): void {
  const trimmed = line.trim();
  if (trimmed === '') return;
  if (stdin === undefined) {
    append('command', `$ ${trimmed}`);
    remember(trimmed);
    if (readsStdin(trimmed)) {
      useConsole.setState({ awaitingStdin: trimmed });
      return;
    }
  }
  const id = nextId++;
  useConsole.setState({ running: id, awaitingStdin: null });
  sendCommand({ type: 'kubectl', id, line: trimmed, ...(stdin !== undefined ? { stdin } : {}) });
}

export function sendStdin(text: string): void {
  const line = useConsole.getState().awaitingStdin;
  if (!line) return;
  append('note', `(${text.split('\n').length} lines from stdin)`);
  runLine(line, text);
}

/** Ctrl+C: stops a stream, or abandons the stdin prompt. */
export function interrupt(): void {
  const s = useConsole.getState();
  if (s.awaitingStdin) {
    useConsole.setState({ awaitingStdin: null });
    append('stderr', '^C');
    return;
  }
  if (s.running !== null) sendCommand({ type: 'kubectl-cancel' });
}

export function clearScreen(): void {
  useConsole.setState({ lines: [] });
}

function remember(line: string): void {
  useConsole.setState((s) => {
    const history = s.history.at(-1) === line ? s.history : [...s.history, line].slice(-MAX_HISTORY);
    return { history };
  });
}

/** The saved session's history (share/persist.ts). */
export function restoreHistory(history: unknown): void {
  if (!Array.isArray(history)) return;
  const lines = history.filter((h): h is string => typeof h === 'string' && h.length < 10_000).slice(-MAX_HISTORY);
  useConsole.setState({ history: lines });
}

/** A worker that stops (hang, crash, restart) ends the running command: its output will not come. */
export function endStrandedCommand(): void {
  if (useConsole.getState().running === null) return;
  useConsole.setState({ running: null });
  append('stderr', 'error: the simulation stopped; this command ended without finishing');
}

export function takeConsoleFrame(frame: SimFrame): void {
  if (frame.type === 'kubectl-output') {
    if (frame.text !== '') append(frame.stream, frame.text);
    if (frame.done && useConsole.getState().running === frame.id) useConsole.setState({ running: null });
  } else if (frame.type === 'action-result' && frame.kubectl) {
    append('echo', `# from the graph: ${frame.kubectl}`);
    if (frame.error) append('stderr', `error: ${frame.error}`);
  }
}

let following = false;
/** Starts taking frames; call once. */
export function followConsole(): void {
  if (following) return;
  following = true;
  subscribeFrames(takeConsoleFrame);
  onWorkerStopped(endStrandedCommand);
}
