/**
 * The commands that wait on simulated time: `get -w`, `events -w`,
 * `rollout status` and `drain`. A stream is polled after the world moved
 * (each worker tick, each step) and returns the lines kubectl would have
 * printed by then. It reads only the world it is given, so a run at 10×
 * finishes ten times sooner than at 1×, with the same lines.
 *
 * `get -w` prints the table first, then a row for each object that changed
 * since the last poll (an object deleted prints its last state, as the
 * DELETED watch event carries it). Changes within one poll are coalesced to
 * the latest state: kubectl would print every intermediate one.
 * Upstream: kubectl/pkg/cmd/get/get.go watch, rollout/rollout_status.go.
 */
import type { KubeObject } from '../api/types';
import type { Simulation } from '../simulation';
import type { ParsedLine } from './index';
import { runParsed } from './index';
import { bool, str } from './args';
import { namespaceOf } from './context';
import { listObjects, parseRequests, type Request } from './get';
import { EVENT_COLUMNS, eventRow, PRINTERS } from './printers';
import { rolloutStatusLine } from './reads';
import { KubectlError } from './context';
import { eventNamespace } from './printers';

export interface StreamChunk {
  stream: 'stdout' | 'stderr';
  text: string;
}

export interface KubectlStream {
  poll(sim: Simulation): { chunks: StreamChunk[]; done: boolean };
}

type Parsed = Extract<ParsedLine, { ok: true }>;

/** Opens the stream of a streaming line; the first poll gives what kubectl prints at once. */
export function openKubectlStream(parsed: Parsed, stdin?: string): KubectlStream {
  const name = parsed.verb.name;
  if (name === 'drain') return drainStream(parsed);
  if (name === 'rollout') return rolloutStream(parsed);
  if (name === 'events') return eventsStream(parsed, stdin);
  return getStream(parsed);
}

function once(chunks: StreamChunk[]): KubectlStream {
  return { poll: () => ({ chunks: chunks.splice(0), done: true }) };
}

function outputChunks(out: { stdout: string; stderr: string }): StreamChunk[] {
  return [...(out.stdout ? [{ stream: 'stdout' as const, text: out.stdout }] : []), ...(out.stderr ? [{ stream: 'stderr' as const, text: out.stderr }] : [])];
}

function drainStream(parsed: Parsed): KubectlStream {
  const node = (parsed.args.positional[0] ?? '').replace(/^nodes?\//, '');
  let printed = 0;
  let startedAt: number | undefined;
  return {
    poll(sim) {
      const record = sim.drainer.record(node);
      if (!record) return { chunks: [], done: true };
      startedAt ??= record.startedAtMs;
      if (record.startedAtMs !== startedAt) return { chunks: [], done: true };
      const lines = (record.output ?? []).slice(printed);
      printed += lines.length;
      return { chunks: lines.map((l) => ({ stream: l.stream, text: l.text })), done: record.state === 'done' || record.state === 'failed' };
    },
  };
}

function rolloutStream(parsed: Parsed): KubectlStream {
  let last = '';
  let first = true;
  return {
    poll(sim) {
      if (first) {
        first = false;
        const out = runParsed(sim, parsed);
        if (out.exitCode !== 0) return { chunks: outputChunks(out), done: true };
      }
      const [typeName, name] = (parsed.args.positional[1] ?? '').includes('/') ? parsed.args.positional[1]!.split('/', 2) : [parsed.args.positional[1], parsed.args.positional[2]];
      const type = parseRequests([typeName ?? ''], 'rollout status')[0]!.type;
      const o = sim.api.get(type.kind, name ?? '', namespaceOf(parsed.args));
      if (!o) return { chunks: [{ stream: 'stderr', text: `Error from server (NotFound): ${type.plural}${type.group ? '.' + type.group : ''} "${name ?? ''}" not found` }], done: true };
      const line = rolloutStatusLine(o);
      const chunks: StreamChunk[] = line.text === last ? [] : [{ stream: line.error ? 'stderr' : 'stdout', text: line.text }];
      last = line.text;
      return { chunks, done: line.done };
    },
  };
}

function eventsStream(parsed: Parsed, stdin?: string): KubectlStream {
  let seq: number | undefined;
  return {
    poll(sim) {
      if (seq === undefined) {
        seq = sim.api.events.lastSeq;
        const out = runParsed(sim, parsed, stdin);
        return { chunks: outputChunks({ stdout: out.stdout, stderr: out.exitCode === 0 ? '' : out.stderr }), done: out.exitCode !== 0 };
      }
      const allNs = bool(parsed.args, 'all-namespaces');
      const ns = namespaceOf(parsed.args);
      const fresh = sim.api.events.since(seq).filter((e) => allNs || eventNamespace(e) === ns);
      seq = sim.api.events.lastSeq;
      const rows = fresh.map((e) => {
        const r = eventRow(e, sim.nowMs);
        return [...(allNs ? [eventNamespace(e)] : []), r[0]!, r[1]!, r[2]!, `${e.involvedObject.kind}/${e.involvedObject.name}`, r[6]!].join('   ');
      });
      return { chunks: rows.map((text) => ({ stream: 'stdout' as const, text })), done: false };
    },
  };
}

function getStream(parsed: Parsed): KubectlStream {
  let requests: Request[];
  try {
    requests = parseRequests(parsed.args.positional, 'get');
  } catch (error) {
    if (error instanceof KubectlError) return once([{ stream: 'stderr', text: error.raw ? error.message : `error: ${error.message}` }]);
    throw error;
  }
  if (requests.length > 1 || (requests[0]!.names.length > 1)) {
    return once([{ stream: 'stderr', text: `error: watch is only supported on individual resources and resource collections, but ${Math.max(requests.length, requests[0]!.names.length)} resources were found` }]);
  }
  const output = str(parsed.args, 'output');
  if (output !== undefined && output !== 'wide' && output !== 'name') {
    return once([{ stream: 'stderr', text: `error: this console streams tables only with -w (-o wide or -o name)` }]);
  }
  const req = requests[0]!;
  const seen = new Map<string, { rv: string; obj: KubeObject }>();
  let widths: number[] | null = null;
  let first = true;
  const allNs = bool(parsed.args, 'all-namespaces');
  const watchOnly = bool(parsed.args, 'watch-only');
  const wide = output === 'wide';
  return {
    poll(sim) {
      const ctx = { sim, out: [], err: [] };
      const notFound: string[] = [];
      let objects: KubeObject[];
      try {
        objects = req.type.kind === 'Event' ? [] : listObjects(ctx, parsed.args, req, notFound);
      } catch (error) {
        if (error instanceof KubectlError) return { chunks: [{ stream: 'stderr', text: `error: ${error.message}` }], done: true };
        throw error;
      }
      if (req.type.kind === 'Event') return { chunks: [{ stream: 'stderr', text: 'error: use kubectl events -w to watch events' }], done: true };
      const printer = PRINTERS[req.type.kind]!;
      const cols = printer.columns.filter((c) => wide || !c.wide);
      const rowOf = (o: KubeObject) => {
        const full = printer.row(o, sim.nowMs);
        const cells = full.filter((_, i) => wide || !printer.columns[i]!.wide);
        return allNs && req.type.namespaced ? [o.metadata.namespace ?? '', ...cells] : cells;
      };
      const head = [...(allNs && req.type.namespaced ? ['NAMESPACE'] : []), ...cols.map((c) => c.name.toUpperCase())];
      const format = (cells: string[]) => {
        if (output === 'name') return `${req.type.singular}${req.type.group ? '.' + req.type.group : ''}/${cells[allNs && req.type.namespaced ? 1 : 0]}`;
        widths ??= head.map((h) => h.length);
        return cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(Math.max(widths![i] ?? 0, c.length) + 3))).join('');
      };
      const chunks: StreamChunk[] = [];
      const current = new Map(objects.map((o) => [`${o.metadata.namespace ?? ''}/${o.metadata.name}`, o]));
      if (first) {
        first = false;
        const rows = objects.map(rowOf);
        widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
        for (const [k, o] of current) seen.set(k, { rv: o.metadata.resourceVersion, obj: o });
        if (!watchOnly) {
          if (rows.length === 0 && notFound.length === 0) chunks.push({ stream: 'stderr', text: allNs || !req.type.namespaced ? 'No resources found' : `No resources found in ${namespaceOf(parsed.args)} namespace.` });
          else if (rows.length > 0) chunks.push({ stream: 'stdout', text: [output === 'name' ? null : format(head), ...rows.map(format)].filter((l) => l !== null).join('\n') });
        }
        for (const nf of notFound) chunks.push({ stream: 'stderr', text: nf });
        return { chunks, done: notFound.length > 0 && objects.length === 0 };
      }
      const lines: string[] = [];
      for (const [k, o] of current) {
        const before = seen.get(k);
        if (!before || before.rv !== o.metadata.resourceVersion) lines.push(format(rowOf(o)));
        seen.set(k, { rv: o.metadata.resourceVersion, obj: o });
      }
      for (const [k, { obj }] of [...seen]) {
        if (current.has(k)) continue;
        lines.push(format(rowOf(obj)));
        seen.delete(k);
      }
      if (lines.length > 0) chunks.push({ stream: 'stdout', text: lines.join('\n') });
      return { chunks, done: false };
    },
  };
}

export { EVENT_COLUMNS };
