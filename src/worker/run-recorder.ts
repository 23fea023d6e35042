/**
 * The session's record of its run for the page's share link, saved session
 * and export: what was booted, the added "expect this" expectations, and
 * the `recording` / `run-export` frames. The input log itself is the
 * history's (src/sim/history); the session hands it in.
 */
import type { BootedRun, ExplainTarget, RecordedInput, RecordingFrame, SimCommand, SimFrame } from '../protocol/messages';
import type { FileExpectation } from '../scenario/export';
import { describeFileExpectation, expectationsFor } from '../scenario/expect-this';
import type { Simulation } from '../sim/simulation';
import { DEFAULT_CLUSTER_NAME } from './default-cluster';
import { recordedBoot, runExportFrame } from './run-export';

export class RunRecorder {
  private boot: BootedRun | null = null;
  private added: FileExpectation[] = [];
  private sentInputs: readonly RecordedInput[] | null = null;
  private sentCount = -1;

  constructor(private readonly post: (frame: SimFrame) => void) {}

  /**
   * Why a boot command cannot replay here (a default cluster of another
   * version), or undefined. Its inputs were recorded on that cluster, so
   * replaying them on this one would show something else.
   */
  static refusal(command: Extract<SimCommand, { type: 'boot' }>): string | undefined {
    if (command.nodes || command.defaultCluster === undefined || command.defaultCluster === DEFAULT_CLUSTER_NAME) return undefined;
    return `This run was recorded on ${command.defaultCluster}, but this page has ${DEFAULT_CLUSTER_NAME}: it cannot be replayed here.`;
  }

  /** A new world was booted (or reset): report it with its inputs; added expectations start over. */
  booted(command: BootedRun, inputs: readonly RecordedInput[]): void {
    this.boot = recordedBoot(command);
    this.added = [];
    this.postRecording(inputs, true);
  }

  /** Posts the input log if it changed since the last recording frame (acting appends, a fork or undo replaces it). */
  inputsMaybeChanged(inputs: readonly RecordedInput[]): void {
    if (inputs === this.sentInputs && inputs.length === this.sentCount) return;
    this.postRecording(inputs, false);
  }

  /** "Expect this" at the world's instant. */
  expectThis(sim: Simulation, target: ExplainTarget, inputs: readonly RecordedInput[]): void {
    const found = expectationsFor(sim, target.kind === 'Zone' ? { kind: 'Zone', zone: target.zone } : target);
    if (found.length === 0) throw new Error(`nothing to expect of ${target.kind === 'Zone' ? `zone ${target.zone}` : `${target.kind} ${target.name}`}: the controller does not know it`);
    const known = new Set(this.added.map((e) => JSON.stringify(e)));
    this.added.push(...found.filter((e) => !known.has(JSON.stringify(e))));
    this.postRecording(inputs, false);
  }

  /** Posts the `run-export` frame; throws (an error frame) when a file cannot say the run. */
  exportRun(inputs: readonly RecordedInput[], untilMs: number): void {
    if (!this.boot) throw new Error('nothing to export: the simulation has not booted yet');
    this.post(runExportFrame(this.boot, inputs, untilMs, this.added));
  }

  private postRecording(inputs: readonly RecordedInput[], withBoot: boolean): void {
    this.sentInputs = inputs;
    this.sentCount = inputs.length;
    const frame: RecordingFrame = {
      type: 'recording',
      ...(withBoot && this.boot ? { boot: this.boot } : {}),
      inputs: inputs.map(({ atMs, action }) => ({ atMs, action })),
      addedExpectations: this.added.map(describeFileExpectation),
    };
    this.post(frame);
  }
}
