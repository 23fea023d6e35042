/**
 * Export run: what a session booted plus the user's recorded inputs, written
 * as one scenario file (scenario-format.md) that `npm run scenario` replays
 * to the trace the page showed.
 *
 * Time semantic (src/sim/history/history.ts, "The same run as a scenario
 * file"): an input recorded at `atMs` runs first in the instant `atMs`, which
 * is exactly what the file action `{at: <atMs>, …}` does. Inputs are written
 * after the file's own actions, in time order, so that at equal times the
 * file's own action (scheduled first) still runs first.
 */
import { Document, isMap, isSeq, parseDocument, YAMLMap, YAMLSeq } from 'yaml';
import type { NodeConfig, SimAction } from '../sim/actions';
import type { Manifest } from '../sim/api/types';
import { DEFAULT_KUBELET_SETTINGS, type SettingsOverrides } from '../sim/config';
import { ExportError, formatFileDuration, writeAction, writeCluster, writeSettings, zoneRegions } from './file-form';
import { parseScenario } from './parse';

export { ExportError };

/** What a session booted: a scenario file as the user opened it, or a cluster (the `boot` command, resolved). */
export type RunSource =
  | { kind: 'file'; fileName: string; text: string }
  | { kind: 'cluster'; name: string; seed: number; nodes: readonly NodeConfig[]; objects: readonly Manifest[]; settings: SettingsOverrides };

/** One user action of the input log: it runs first in the instant `atMs`. */
export interface RecordedInput {
  atMs: number;
  action: SimAction;
}

/** An expectation as a file writes it: `{at, node: …, condition: …}` (see expect-this.ts). */
export type FileExpectation = Record<string, unknown> & { at: string };

export interface RunToExport {
  source: RunSource;
  /** In time order. */
  inputs: readonly RecordedInput[];
  /** The latest simulated time of the run: the file lasts at least this long. */
  untilMs: number;
  /** Added while playing ("expect this"), after the file's own. */
  expectations?: readonly FileExpectation[];
}

export interface ExportedRun {
  fileName: string;
  text: string;
}

const HEADER = (what: string, count: number, untilMs: number) =>
  ` Exported from Kube Playground: ${what}, ${count} recorded action${count === 1 ? '' : 's'}, played to t = ${formatFileDuration(untilMs)}.\n` +
  ' Run it with: npm run scenario -- <this file>';

/** Throws ExportError when the run holds something a scenario file cannot say. */
export function exportRun(run: RunToExport): ExportedRun {
  for (let i = 1; i < run.inputs.length; i++) {
    if (run.inputs[i]!.atMs < run.inputs[i - 1]!.atMs) throw new ExportError(`inputs out of time order at ${i}`);
  }
  return run.source.kind === 'file' ? exportFile(run, run.source) : exportCluster(run, run.source);
}

function exportCluster(run: RunToExport, source: Extract<RunSource, { kind: 'cluster' }>): ExportedRun {
  const reportMs = source.settings.kubelet?.nodeStatusReportFrequencyMs ?? DEFAULT_KUBELET_SETTINGS.nodeStatusReportFrequencyMs;
  const settings = writeSettings(source.settings);
  const cluster = writeCluster(source.nodes, reportMs);
  const regions = zoneRegions(cluster);
  const doc = new Document({
    name: source.name,
    seed: source.seed,
    duration: formatFileDuration(run.untilMs),
    ...(settings ? { settings } : {}),
    cluster,
    ...(source.objects.length > 0 ? { objects: source.objects } : {}),
  });
  const actions = run.inputs.map((input) => writeAction(input.atMs, input.action, regions, reportMs));
  if (actions.length > 0) doc.set('actions', flowItems(doc, actions));
  if (run.expectations && run.expectations.length > 0) doc.set('expect', flowItems(doc, run.expectations));
  doc.commentBefore = HEADER(`cluster ${source.name} (seed ${source.seed})`, run.inputs.length, run.untilMs);
  return { fileName: `${source.name}-run.yaml`, text: doc.toString({ lineWidth: 0 }) };
}

/** The user's file, kept as written (comments too), with the inputs and added expectations appended. */
function exportFile(run: RunToExport, source: Extract<RunSource, { kind: 'file' }>): ExportedRun {
  const parsed = parseScenario(source.text);
  if (!parsed.ok) throw new ExportError(`${source.fileName} no longer parses: ${parsed.errors[0]?.message ?? 'unknown error'}`);
  const { scenario } = parsed;
  const doc = parseDocument(source.text, { merge: true });
  const reportMs = scenario.settings.kubelet?.nodeStatusReportFrequencyMs ?? DEFAULT_KUBELET_SETTINGS.nodeStatusReportFrequencyMs;
  const regions = zoneRegions((doc.toJS() as { cluster?: Record<string, unknown> }).cluster ?? {});
  appendTo(doc, 'actions', run.inputs.map((input) => writeAction(input.atMs, input.action, regions, reportMs)));
  appendTo(doc, 'expect', run.expectations ?? []);
  if ((scenario.durationMs ?? 0) < run.untilMs) doc.set('duration', formatFileDuration(run.untilMs));
  const header = HEADER(`${source.fileName} (seed ${scenario.seed})`, run.inputs.length, run.untilMs);
  doc.commentBefore = doc.commentBefore ? `${header}\n\n${doc.commentBefore}` : header;
  const base = source.fileName.replace(/\.(ya?ml|json)$/i, '');
  return { fileName: `${base}-run.yaml`, text: doc.toString({ lineWidth: 0 }) };
}

function appendTo(doc: Document, key: 'actions' | 'expect', items: readonly Record<string, unknown>[]): void {
  if (items.length === 0) return;
  const existing = doc.get(key, true);
  if (existing === undefined || existing === null || (isSeq(existing) && existing.items.length === 0)) {
    doc.set(key, flowItems(doc, items));
    return;
  }
  if (!isSeq(existing)) throw new ExportError(`the file's "${key}" is not a list`);
  for (const item of items) existing.items.push(flowItem(doc, item));
}

/** A list of one-line entries; an entry holding a manifest stays in block style. */
function flowItems(doc: Document, items: readonly Record<string, unknown>[]): YAMLSeq {
  const seq = new YAMLSeq();
  for (const item of items) seq.items.push(flowItem(doc, item));
  return seq;
}

function flowItem(doc: Document, item: Record<string, unknown>): YAMLMap {
  const node = doc.createNode(item);
  if (!isMap(node)) throw new ExportError('an entry is not a mapping');
  if (!('object' in item)) node.flow = true;
  return node;
}
