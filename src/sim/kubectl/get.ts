/**
 * `kubectl get`: types (comma-separated, TYPE/NAME, TYPE NAME…), `all`,
 * -o wide|yaml|json|name|jsonpath=…, -l, --field-selector, -n, -A,
 * --show-labels, --no-headers. -w streams (watch.ts).
 *
 * Upstream: staging/src/k8s.io/kubectl/pkg/cmd/get/get.go (Run, the
 * "No resources found" message of printIfNotFindResource), the table
 * printer's NAME prefixing when several kinds are listed.
 */
import { matches, parseSelector } from '../api/labels';
import type { KubeObject } from '../api/types';
import { ApiError } from '../apiserver/errors';
import type { EventRecord } from '../apiserver/events';
import { str, bool, type FlagSpec, type ParsedArgs } from './args';
import { KubectlError, namespaceOf, type KubectlContext, type Verb } from './context';
import { asList, jsonPath, toJson, toYaml } from './encode';
import { EVENT_COLUMNS, eventName, eventNamespace, eventRow, PRINTERS } from './printers';
import { qualifiedPlural, qualifiedSingular, resolveResource, resourceOfKind, type ResourceType } from './resources';
import { formatLabels, renderTable } from './table';

export const GET_FLAGS: FlagSpec[] = [
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'field-selector', type: 'string' },
  { name: 'show-labels', type: 'bool' },
  { name: 'watch', short: 'w', type: 'bool' },
  { name: 'watch-only', type: 'bool' },
  { name: 'no-headers', type: 'bool' },
  { name: 'ignore-not-found', type: 'bool' },
];

/** Upstream: kubectl's "all" category: pods, services, daemonsets, deployments, replicasets, statefulsets, jobs (cronjobs and the rest are not served here). */
const ALL = ['pods', 'services', 'daemonsets', 'deployments', 'replicasets', 'statefulsets', 'jobs'];

export interface Request {
  type: ResourceType;
  names: string[];
}

/** Resolves the positional arguments into types and names; throws kubectl's errors. */
export function parseRequests(positional: readonly string[], verb: string): Request[] {
  if (positional.length === 0) {
    throw new KubectlError(
      `You must specify the type of resource to ${verb}. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl ${verb} -h' for help and examples`,
      true,
    );
  }
  const resolve = (name: string): ResourceType => {
    const r = resolveResource(name);
    if (!r) throw new KubectlError(`the server doesn't have a resource type "${name}"`);
    return r;
  };
  if (positional.some((p) => p.includes('/'))) {
    const requests: Request[] = [];
    for (const p of positional) {
      const slash = p.indexOf('/');
      if (slash < 0) throw new KubectlError(`there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl ${verb} resource/<resource_name>' instead of 'kubectl ${verb} resource resource/<resource_name>'`);
      const type = resolve(p.slice(0, slash));
      const name = p.slice(slash + 1);
      if (!name) throw new KubectlError(`arguments in resource/name form must have a single resource and name`);
      const existing = requests.find((r) => r.type === type);
      if (existing) existing.names.push(name);
      else requests.push({ type, names: [name] });
    }
    return requests;
  }
  const [types, ...names] = positional as [string, ...string[]];
  const list = types.split(',').flatMap((t) => (t === 'all' ? ALL : [t]));
  if (names.length > 0 && list.length > 1) throw new KubectlError(`you may only specify a single resource type`);
  return list.map((t) => ({ type: resolve(t), names }));
}

/** A --field-selector as the API server takes it (metadata.name, metadata.namespace, spec.nodeName, status.phase…). */
function fieldFilter(selector: string | undefined, type: ResourceType): (o: KubeObject) => boolean {
  if (!selector) return () => true;
  const reqs = selector.split(',').map((part) => {
    const m = /^([^!=]+)(==|!=|=)(.*)$/.exec(part.trim());
    if (!m) throw new ApiError('BadRequest', `invalid selector: '${selector}'; can't understand '${part}'`);
    return { field: m[1]!, neg: m[2] === '!=', value: m[3]! };
  });
  const supported = new Set(['metadata.name', 'metadata.namespace']);
  if (type.kind === 'Pod') for (const f of ['spec.nodeName', 'status.phase', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'status.podIP']) supported.add(f);
  if (type.kind === 'Node') supported.add('spec.unschedulable');
  for (const r of reqs) {
    if (!supported.has(r.field)) {
      const gr = type.group ? `${type.group}/${type.version}` : `/${type.version}`;
      throw new ApiError('BadRequest', `Unable to find "${gr}, Resource=${type.plural}" that match label selector "", field selector "${selector}": field label not supported: ${r.field}`);
    }
  }
  return (o) =>
    reqs.every((r) => {
      let v: unknown = o;
      for (const part of r.field.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
      const s = v === undefined ? (r.field === 'spec.unschedulable' ? 'false' : '') : String(v);
      return (s === r.value) !== r.neg;
    });
}

/** Events' field selectors (Upstream: pkg/registry/core/event/strategy.go ToSelectableFields). */
const EVENT_FIELDS = ['involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid', 'reason', 'source', 'type', 'metadata.name', 'metadata.namespace'];

function eventFieldFilter(selector: string | undefined): (e: EventRecord) => boolean {
  if (!selector) return () => true;
  const reqs = selector.split(',').map((part) => {
    const m = /^([^!=]+)(==|!=|=)(.*)$/.exec(part.trim());
    if (!m) throw new ApiError('BadRequest', `invalid selector: '${selector}'; can't understand '${part}'`);
    if (!EVENT_FIELDS.includes(m[1]!)) throw new ApiError('BadRequest', `Unable to find "/v1, Resource=events" that match label selector "", field selector "${selector}": "${m[1]!}" is not a known field selector: only "${EVENT_FIELDS.join('", "')}"`);
    return { field: m[1]!, neg: m[2] === '!=', value: m[3]! };
  });
  return (e) =>
    reqs.every((r) => {
      const o = eventObject(e) as Record<string, unknown>;
      let v: unknown = o;
      for (const part of r.field.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
      if (r.field === 'source') v = e.source;
      return (String(v ?? '') === r.value) !== r.neg;
    });
}

export interface Listed {
  type: ResourceType;
  objects: KubeObject[];
}

/** The objects a get/describe asks for, sorted as the API server lists them (namespace, then name); NotFound for a named one missing. */
export function listObjects(ctx: KubectlContext, args: ParsedArgs, req: Request, notFound: string[]): KubeObject[] {
  const api = ctx.sim.api;
  const allNs = bool(args, 'all-namespaces');
  const ns = namespaceOf(args);
  const labelSel = str(args, 'selector');
  let selector;
  try {
    selector = labelSel ? parseSelector(labelSel) : undefined;
  } catch (error) {
    throw new KubectlError(`unable to parse requirement: ${error instanceof Error ? error.message : String(error)}`);
  }
  const fields = fieldFilter(str(args, 'field-selector'), req.type);
  if (req.names.length > 0) {
    const out: KubeObject[] = [];
    for (const name of req.names) {
      const o = api.get(req.type.kind, name, req.type.namespaced ? ns : undefined);
      if (o) out.push(o);
      else notFound.push(`Error from server (NotFound): ${qualifiedPlural(req.type)} "${name}" not found`);
    }
    return out;
  }
  const out: KubeObject[] = [];
  for (const o of api.list(req.type.kind)) {
    if (req.type.namespaced && !allNs && o.metadata.namespace !== ns) continue;
    if (selector && !matches(selector, o.metadata.labels)) continue;
    if (!fields(o)) continue;
    out.push(o);
  }
  return out.sort(byNamespaceName);
}

export function byNamespaceName(a: KubeObject, b: KubeObject): number {
  const an = a.metadata.namespace ?? '';
  const bn = b.metadata.namespace ?? '';
  if (an !== bn) return an < bn ? -1 : 1;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}

/** Events as the API would list them (Event objects are the event log's records here). */
export function listEvents(ctx: KubectlContext, allNs: boolean, ns: string): EventRecord[] {
  return ctx.sim.api.events
    .all()
    .filter((e) => allNs || eventNamespace(e) === ns)
    .slice()
    .sort((a, b) => (eventNamespace(a) < eventNamespace(b) ? -1 : eventNamespace(a) > eventNamespace(b) ? 1 : eventName(a) < eventName(b) ? -1 : 1));
}

/** An Event record as the v1 Event object kubectl -o yaml would show. */
export function eventObject(e: EventRecord): Record<string, unknown> {
  const ts = (ms: number) => new Date(Date.UTC(2025, 0, 1) + ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    apiVersion: 'v1',
    count: e.count,
    firstTimestamp: ts(e.firstTimestampMs),
    involvedObject: { kind: e.involvedObject.kind, name: e.involvedObject.name, uid: e.involvedObject.uid, ...(e.involvedObject.namespace ? { namespace: e.involvedObject.namespace } : {}) },
    kind: 'Event',
    lastTimestamp: ts(e.lastTimestampMs),
    message: e.message,
    metadata: { name: eventName(e), namespace: eventNamespace(e) },
    reason: e.reason,
    source: { component: e.source, ...(e.host ? { host: e.host } : {}) },
    type: e.type,
  };
}

export function noResources(args: ParsedArgs, type: ResourceType): string {
  if (bool(args, 'all-namespaces') || !type.namespaced) return 'No resources found';
  return `No resources found in ${namespaceOf(args)} namespace.`;
}

function validateOutput(output: string | undefined): void {
  if (output === undefined) return;
  if (['wide', 'yaml', 'json', 'name'].includes(output) || output.startsWith('jsonpath=') || output.startsWith('jsonpath-as-json=') || output.startsWith('custom-columns=')) {
    if (output.startsWith('custom-columns=') || output.startsWith('jsonpath-as-json=')) throw new KubectlError(`this console does not support -o ${output.split('=')[0]!}`);
    return;
  }
  throw new KubectlError(
    `unable to match a printer suitable for the output format "${output}", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml`,
  );
}

export function runGet(ctx: KubectlContext, args: ParsedArgs): void {
  const output = str(args, 'output');
  validateOutput(output);
  const requests = parseRequests(args.positional, 'get');
  const notFound: string[] = [];
  const listed: Listed[] = [];
  const events: EventRecord[] = [];
  const allNs = bool(args, 'all-namespaces');
  for (const req of requests) {
    if (req.type.kind === 'Event') {
      if (req.names.length > 0) {
        for (const name of req.names) {
          const e = listEvents(ctx, allNs, namespaceOf(args)).find((x) => eventName(x) === name);
          if (e) events.push(e);
          else notFound.push(`Error from server (NotFound): events "${name}" not found`);
        }
      } else events.push(...listEvents(ctx, allNs, namespaceOf(args)).filter(eventFieldFilter(str(args, 'field-selector'))));
      listed.push({ type: req.type, objects: [] });
      continue;
    }
    listed.push({ type: req.type, objects: listObjects(ctx, args, req, notFound) });
  }
  if (bool(args, 'ignore-not-found')) notFound.length = 0;
  const total = listed.reduce((n, l) => n + l.objects.length, 0) + events.length;
  const objects = [...listed.flatMap((l) => l.objects), ...events.map(eventObject)] as unknown[];

  if (output === 'yaml' || output === 'json' || output?.startsWith('jsonpath=')) {
    const named = requests.length === 1 && requests[0]!.names.length === 1;
    const data = named && objects.length === 1 ? objects[0] : asList(objects as KubeObject[]);
    if (total > 0 || !named) {
      if (output === 'yaml') ctx.out.push(toYaml(data));
      else if (output === 'json') ctx.out.push(toJson(data));
      else {
        const result = jsonPath(output.slice('jsonpath='.length), data);
        if (!result.ok) throw new KubectlError(result.error);
        ctx.out.push(result.text);
      }
    }
    ctx.err.push(...notFound);
    return;
  }
  if (output === 'name') {
    for (const l of listed) for (const o of l.objects) ctx.out.push(`${qualifiedSingular(l.type)}/${o.metadata.name}`);
    for (const e of events) ctx.out.push(`event/${eventName(e)}`);
    ctx.err.push(...notFound);
    return;
  }
  const wide = output === 'wide';
  // Upstream: get.go printWithKind — set when the objects found are of more than one kind.
  const showKind = listed.filter((l) => (l.type.kind === 'Event' ? events.length : l.objects.length) > 0).length > 1;
  const tables: string[] = [];
  for (const l of listed) {
    if (l.type.kind === 'Event') {
      if (events.length === 0) continue;
      const rows = events.map((e) => eventRow(e, ctx.sim.nowMs));
      tables.push(renderTable(EVENT_COLUMNS, rows, { wide, noHeaders: bool(args, 'no-headers'), ...(allNs ? { namespaces: events.map(eventNamespace) } : {}) }));
      continue;
    }
    if (l.objects.length === 0) continue;
    const printer = PRINTERS[l.type.kind]!;
    const rows = l.objects.map((o) => {
      const row = printer.row(o, ctx.sim.nowMs);
      if (showKind) row[0] = `${qualifiedSingular(l.type)}/${row[0]}`;
      return row;
    });
    tables.push(
      renderTable(printer.columns, rows, {
        wide,
        noHeaders: bool(args, 'no-headers'),
        ...(allNs && l.type.namespaced ? { namespaces: l.objects.map((o) => o.metadata.namespace ?? '') } : {}),
        ...(bool(args, 'show-labels') ? { labels: l.objects.map((o) => formatLabels(o.metadata.labels)) } : {}),
      }),
    );
  }
  ctx.err.push(...notFound);
  if (tables.length > 0) ctx.out.push(tables.join('\n\n'));
  else if (notFound.length === 0) ctx.err.push(noResources(args, requests[0]!.type));
}

export const GET: Verb = { name: 'get', mutating: false, flags: GET_FLAGS, run: runGet };

export { resourceOfKind };
