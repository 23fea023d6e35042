/**
 * What the run menu, the share link and the saved session need from the
 * worker: what was booted, the recorded inputs and the added expectations
 * (the worker's `recording` frames), plus the one-line notice the page shows
 * about links, saved sessions and exports.
 */
import { create } from 'zustand';
import type { BootedRun, RecordedInput, RunExportFrame, SimFrame } from '../../protocol/messages';
import { useSim } from '../store';
import type { RunState } from './run-state';

export interface Notice {
  text: string;
  /** 'problem' is announced at once (role=alert); 'info' politely. */
  tone: 'info' | 'problem';
}

export interface ShareState {
  boot: BootedRun | null;
  inputs: RecordedInput[];
  addedExpectations: string[];
  notice: Notice | null;
  /** The latest simulated time of the recorded line (the worker's timeline frames); null before the first. */
  latestMs: number | null;
  /** The last export, for its trace hash. */
  lastExport: Omit<RunExportFrame, 'type' | 'text'> | null;
}

export const useShare = create<ShareState>()(() => ({ boot: null, inputs: [], addedExpectations: [], notice: null, lastExport: null, latestMs: null }));

export const showNotice = (text: string, tone: Notice['tone'] = 'info'): void => useShare.setState({ notice: { text, tone } });
export const dismissNotice = (): void => useShare.setState({ notice: null });

/** Downloads `text` as a file (the browser's own save, no server). */
function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Takes the frames this module cares about (sim-client.ts calls it after the store). */
export function takeFrame(frame: SimFrame): void {
  if (frame.type === 'timeline') {
    if (frame.latestMs !== useShare.getState().latestMs) useShare.setState({ latestMs: frame.latestMs });
  } else if (frame.type === 'recording') {
    useShare.setState((s) => ({ boot: frame.boot ?? s.boot, inputs: frame.inputs, addedExpectations: frame.addedExpectations }));
  } else if (frame.type === 'run-export') {
    const { fileName, text, traceHash, untilMs } = frame;
    useShare.setState({ lastExport: { fileName, traceHash, untilMs } });
    download(fileName, text);
    showNotice(`Exported ${frame.fileName}: run it with npm run scenario (trace ${frame.traceHash}).`);
  }
}

/** The run as the page shows it now, for a link or the saved session; null before the first boot. */
export function currentRunState(): RunState | null {
  const { boot, inputs, latestMs } = useShare.getState();
  if (!boot) return null;
  const sim = useSim.getState();
  const viewMs = sim.clock.nowMs;
  return { boot, inputs, viewMs, latestMs: Math.max(viewMs, latestMs ?? 0), selection: sim.inspector.selection, speed: sim.playback.speed };
}
