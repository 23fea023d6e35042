/**
 * The console's kubectl in the worker: read-only lines run at once against
 * the world shown; mutating ones go through the session's `act` (so they are
 * recorded, replayed, exported, and fork when typed in the past); streams
 * (get -w, rollout status, drain) are polled after the world moved.
 */
import { parseKubectl, runParsed, openKubectlStream, type KubectlOutput, type KubectlStream, type Simulation, type SimAction, type ActionRecord } from '../sim';
import type { KubectlOutputFrame, SimFrame } from '../protocol/messages';
import { parseAllDocuments } from 'yaml';

export interface KubectlHost {
  post(frame: SimFrame): void;
  sim(): Simulation | null;
  /** Records and runs the action as `act` does; the record once it ran. */
  act(action: SimAction): ActionRecord | undefined;
}

/** Manifests as the engine's `kubectl` action takes them: JSON text of an array. */
export function stdinAsJson(text: string): { ok: true; json: string } | { ok: false; error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, json: '[]' };
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      return { ok: true, json: JSON.stringify(Array.isArray(parsed) ? parsed : [parsed]) };
    } catch {
      // Not JSON after all: try it as YAML (JSON-looking YAML flow is YAML too).
    }
  }
  const docs = parseAllDocuments(trimmed);
  const list = Array.isArray(docs) ? docs : [docs];
  const out: unknown[] = [];
  for (const doc of list) {
    const error = doc.errors[0];
    if (error) {
      const at = error.linePos?.[0];
      return { ok: false, error: `error: error parsing STDIN: error converting YAML to JSON: yaml: ${at ? `line ${at.line}: ` : ''}${error.message.split('\n')[0]}` };
    }
    const value: unknown = doc.toJS();
    if (value !== null && value !== undefined) out.push(value);
  }
  return { ok: true, json: JSON.stringify(out) };
}

export class KubectlRunner {
  private stream: { id: number; stream: KubectlStream } | null = null;

  constructor(private readonly host: KubectlHost) {}

  run(id: number, line: string, stdin?: string): void {
    this.cancel();
    const parsed = parseKubectl(line);
    if (!parsed.ok) return this.answer(id, parsed.output);
    const sim = this.host.sim();
    if (!sim) return this.answer(id, { stdout: '', stderr: 'error: the simulation has not booted yet', exitCode: 1 });
    let json: string | undefined;
    if (stdin !== undefined) {
      const converted = stdinAsJson(stdin);
      if (!converted.ok) return this.answer(id, { stdout: '', stderr: converted.error, exitCode: 1 });
      json = converted.json;
    }
    if (parsed.mutating) {
      const action: SimAction = json === undefined ? { do: 'kubectl', line: line.trim() } : { do: 'kubectl', line: line.trim(), stdin: json };
      const record = this.host.act(action);
      const output = record?.output ?? { stdout: '', stderr: record?.error ? `error: ${record.error}` : '', exitCode: record?.error ? 1 : 0 };
      if (!parsed.streaming || output.exitCode !== 0) return this.answer(id, output);
      this.send(id, output, false);
    } else if (!parsed.streaming) {
      return this.answer(id, runParsed(sim, parsed, json));
    }
    this.stream = { id, stream: openKubectlStream(parsed, json) };
    this.poll();
  }

  /** After the world moved: the running stream's new lines. */
  poll(): void {
    const running = this.stream;
    const sim = this.host.sim();
    if (!running || !sim) return;
    const { chunks, done } = running.stream.poll(sim);
    chunks.forEach((chunk, i) => this.frame({ type: 'kubectl-output', id: running.id, text: chunk.text, stream: chunk.stream, done: done && i === chunks.length - 1, ...(done && i === chunks.length - 1 ? { exitCode: chunks.some((c) => c.stream === 'stderr' && /^(error|Error)/.test(c.text)) ? 1 : 0 } : {}) }));
    if (done) {
      if (chunks.length === 0) this.frame({ type: 'kubectl-output', id: running.id, text: '', stream: 'stdout', done: true, exitCode: 0 });
      this.stream = null;
    }
  }

  /** Ctrl+C, a new command, a seek: the running stream ends here. */
  cancel(): void {
    if (!this.stream) return;
    this.frame({ type: 'kubectl-output', id: this.stream.id, text: '^C', stream: 'stderr', done: true, exitCode: 130 });
    this.stream = null;
  }

  private answer(id: number, output: KubectlOutput): void {
    this.send(id, output, true);
  }

  private send(id: number, output: KubectlOutput, done: boolean): void {
    const frames: KubectlOutputFrame[] = [];
    if (output.stdout) frames.push({ type: 'kubectl-output', id, text: output.stdout, stream: 'stdout', done: false });
    if (output.stderr) frames.push({ type: 'kubectl-output', id, text: output.stderr, stream: 'stderr', done: false });
    if (done) {
      if (frames.length === 0) frames.push({ type: 'kubectl-output', id, text: '', stream: 'stdout', done: false });
      frames[frames.length - 1] = { ...frames[frames.length - 1]!, done: true, exitCode: output.exitCode };
    }
    for (const f of frames) this.frame(f);
  }

  private frame(frame: KubectlOutputFrame): void {
    this.host.post(frame);
  }
}
