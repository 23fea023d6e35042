/**
 * The verbs that change the cluster: apply, create, delete, cordon,
 * uncordon, drain, taint, label, annotate, scale, rollout
 * undo|restart|pause|resume, set image. Each runs at its recorded instant
 * (a `kubectl` SimAction) and prints kubectl's own lines.
 *
 * Upstream: staging/src/k8s.io/kubectl/pkg/cmd/{apply,create,delete,drain,
 * taint,label,annotate,scale,rollout,set}/*.go (their success messages:
 * "deployment.apps/web configured", `pod "x" deleted`, "node/x cordoned",
 * "node/x tainted", "pod/x labeled", "deployment.apps/web scaled",
 * "deployment.apps/web image updated").
 */
import type { KubeObject, Manifest, Node } from '../api/types';
import { formatTaint, sameTaint } from '../api/taints';
import { ApiError } from '../apiserver/errors';
import { rollbackDeployment, pauseDeployment, resumeDeployment, restartDeployment } from '../controllers/rollout';
import { scaleWorkload } from '../controllers/scale';
import { updateWorkloadSpec } from '../controllers/controller-utils';
import { TAINT_EFFECTS } from '../api/taints';
import { bool, int, str, type ParsedArgs } from './args';
import { KubectlError, namespaceOf, type KubectlContext, type Verb } from './context';
import { listObjects, parseRequests } from './get';
import { qualifiedPlural, qualifiedSingular, resolveResource, resourceOfKind, type ResourceType } from './resources';
import { BUTTON_DRAIN, formatGoDuration } from '../drain';

/* eslint-disable @typescript-eslint/no-explicit-any -- manifests are free-form */
type Any = any;

function requireOne(args: ParsedArgs, verb: string, what: string): string {
  if (args.positional.length === 0) throw new KubectlError(`${what}\nSee 'kubectl ${verb} -h' for help and examples`, false);
  return args.positional[0]!;
}

/** TYPE/NAME or TYPE NAME: one object. */
function oneObject(args: ParsedArgs, verb: string): { type: ResourceType; name: string } {
  const p = args.positional;
  if (p.length === 0) throw new KubectlError(`required resource not specified`);
  let typeName: string;
  let name: string | undefined;
  if (p[0]!.includes('/')) [typeName, name] = p[0]!.split('/', 2) as [string, string];
  else [typeName, name] = [p[0]!, p[1]];
  const type = resolveResource(typeName);
  if (!type) throw new KubectlError(`the server doesn't have a resource type "${typeName}"`);
  if (!name) throw new KubectlError(`resource(s) were provided, but no name was specified`);
  void verb;
  return { type, name };
}

function requireObject(ctx: KubectlContext, args: ParsedArgs, type: ResourceType, name: string): KubeObject {
  const o = ctx.sim.api.get(type.kind, name, type.namespaced ? namespaceOf(args) : undefined);
  if (!o) throw new ApiError('NotFound', `${qualifiedPlural(type)} "${name}" not found`);
  return o;
}

// ---- apply / create ---------------------------------------------------------

/** The manifests of `-f -` (the console passes them as JSON). */
function manifests(ctx: KubectlContext, args: ParsedArgs, verb: string): Manifest[] {
  const file = str(args, 'filename');
  if (file === undefined) throw new KubectlError(`must specify one of -f and -k\n\nSee 'kubectl ${verb} -h' for help and examples`);
  if (file !== '-') throw new KubectlError(`the path "${file}" does not exist (this console has no files: use -f - with the editor's text or a pasted manifest)`);
  if (!ctx.stdin || ctx.stdin.trim() === '') throw new KubectlError(`no objects passed to ${verb}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(ctx.stdin);
  } catch {
    throw new KubectlError(`error parsing STDIN: the manifests must be JSON here (the console converts YAML before sending)`);
  }
  const list = (Array.isArray(parsed) ? parsed : [parsed]).filter((m) => m !== null);
  const out: Manifest[] = [];
  for (const m of list) {
    if (typeof m !== 'object' || Array.isArray(m)) throw new KubectlError(`error validating data: the manifest is not an object`);
    const mm = m as Any;
    if (mm.kind === 'List' && Array.isArray(mm.items)) out.push(...(mm.items as Manifest[]));
    else out.push(mm as Manifest);
  }
  if (out.length === 0) throw new KubectlError(`no objects passed to ${verb}`);
  return out;
}

function manifestType(m: Manifest): ResourceType {
  if (!m.kind) throw new KubectlError(`error validating data: kind not set`);
  const type = resourceOfKind(m.kind);
  if (!type) {
    const version = m.apiVersion ?? '';
    throw new KubectlError(`resource mapping not found for name: "${m.metadata?.name ?? ''}" namespace: "${m.metadata?.namespace ?? ''}" from "STDIN": no matches for kind "${m.kind}" in version "${version}"\nensure CRDs are installed first`);
  }
  return type;
}

function withNamespace(m: Manifest, args: ParsedArgs, type: ResourceType): Manifest {
  if (!type.namespaced) return m;
  const flagNs = str(args, 'namespace');
  const own = m.metadata?.namespace;
  if (flagNs && own && own !== flagNs) {
    throw new KubectlError(`the namespace from the provided object "${own}" does not match the namespace "${flagNs}". You must pass '--namespace=${own}' to perform this operation.`);
  }
  return { ...m, metadata: { ...m.metadata, namespace: own ?? flagNs ?? 'default' } };
}

function runApply(ctx: KubectlContext, args: ParsedArgs): void {
  for (const raw of manifests(ctx, args, 'apply')) {
    const type = manifestType(raw);
    const m = withNamespace(raw, args, type);
    const name = m.metadata?.name;
    if (!name) throw new KubectlError(`error when retrieving current configuration of:\nResource: "${qualifiedPlural(type)}", GroupVersionKind: "${type.group ? type.group + '/' : ''}${type.version}, Kind=${type.kind}"\nName: "", Namespace: "${m.metadata?.namespace ?? ''}"\nfrom server for: "STDIN": resource name may not be empty`);
    const before = ctx.sim.api.get(type.kind, name, type.namespaced ? m.metadata!.namespace : undefined);
    const after = ctx.sim.api.apply(m);
    const verb = !before ? 'created' : sameExceptVersion(before, after) ? 'unchanged' : 'configured';
    ctx.out.push(`${qualifiedSingular(type)}/${name} ${verb}`);
  }
}

/** Nothing but the resourceVersion differs: kubectl apply says "unchanged" (its patch was empty). */
function sameExceptVersion(a: KubeObject, b: KubeObject): boolean {
  const strip = (o: KubeObject) => JSON.stringify({ ...o, metadata: { ...o.metadata, resourceVersion: '' } });
  return strip(a) === strip(b);
}

function runCreate(ctx: KubectlContext, args: ParsedArgs): void {
  const sub = args.positional[0];
  if (sub === 'namespace' || sub === 'ns') {
    const name = args.positional[1];
    if (!name) throw new KubectlError(`exactly one NAME is required, got 0\nSee 'kubectl create namespace -h' for help and examples`, false);
    ctx.sim.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    ctx.out.push(`namespace/${name} created`);
    return;
  }
  if (sub === 'deployment' || sub === 'deploy') {
    const name = args.positional[1];
    if (!name) throw new KubectlError(`exactly one NAME is required, got 0\nSee 'kubectl create deployment -h' for help and examples`, false);
    const images = (args.flags.get('image') as string[] | undefined) ?? [];
    if (images.length === 0) throw new KubectlError(`required flag(s) "image" not set`);
    const replicas = int(args, 'replicas') ?? 1;
    const labels = { app: name };
    // Upstream: create_deployment.go generates container names from the image (basename, no tag).
    const containers = images.map((image) => ({ name: image.split('/').pop()!.split(':')[0]!.split('@')[0]!, image }));
    ctx.sim.api.create({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: namespaceOf(args), labels },
      spec: { replicas, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers } } },
    });
    ctx.out.push(`deployment.apps/${name} created`);
    return;
  }
  if (sub !== undefined && str(args, 'filename') === undefined) throw new KubectlError(`unknown command "${sub}" for "kubectl create"`);
  for (const raw of manifests(ctx, args, 'create')) {
    const type = manifestType(raw);
    const m = withNamespace(raw, args, type);
    const created = ctx.sim.api.create(m);
    ctx.out.push(`${qualifiedSingular(type)}/${created.metadata.name} created`);
  }
}

// ---- delete -----------------------------------------------------------------

function runDelete(ctx: KubectlContext, args: ParsedArgs): void {
  let grace = int(args, 'grace-period') ?? -1;
  const force = bool(args, 'force');
  // Upstream: delete.go Complete — --now is --grace-period=1; --force alone means 0.
  if (bool(args, 'now')) {
    if (grace !== -1) throw new KubectlError(`--now and --grace-period cannot be specified together`);
    grace = 1;
  }
  if (force && grace < 0) grace = 0;
  if (grace === 0 && !force) grace = 1;
  if (args.positional.length === 0 && str(args, 'filename') === undefined) {
    throw new KubectlError(`You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'`);
  }
  const targets: { type: ResourceType; o: KubeObject }[] = [];
  const errs: string[] = [];
  if (str(args, 'filename') !== undefined) {
    for (const raw of manifests(ctx, args, 'delete')) {
      const type = manifestType(raw);
      const m = withNamespace(raw, args, type);
      const o = ctx.sim.api.get(type.kind, m.metadata?.name ?? '', m.metadata?.namespace);
      if (o) targets.push({ type, o });
      else errs.push(`Error from server (NotFound): ${qualifiedPlural(type)} "${m.metadata?.name ?? ''}" not found`);
    }
  } else {
    const requests = parseRequests(args.positional, 'delete');
    for (const req of requests) {
      if (req.names.length === 0 && !str(args, 'selector') && !bool(args, 'all')) {
        throw new KubectlError(`resource(s) were provided, but no name was specified`);
      }
      for (const o of listObjects(ctx, args, req, errs)) targets.push({ type: req.type, o });
    }
  }
  if (force && grace === 0) ctx.err.push('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.');
  for (const { type, o } of targets) {
    ctx.sim.api.delete(type.kind, o.metadata.name, o.metadata.namespace, grace >= 0 ? { gracePeriodSeconds: grace } : {});
    // Upstream: kubectl/pkg/cmd/delete/delete.go PrintObj — the lower-case kind and its group ("deployment.apps").
    const kindString = type.group ? `${type.kind.toLowerCase()}.${type.group}` : type.kind.toLowerCase();
    ctx.out.push(`${kindString} "${o.metadata.name}" ${force && grace === 0 ? 'force deleted' : 'deleted'}`);
  }
  if (bool(args, 'ignore-not-found')) errs.length = 0;
  ctx.err.push(...errs);
  if (targets.length === 0 && errs.length === 0) ctx.err.push('No resources found');
}

// ---- nodes: cordon, uncordon, drain, taint ---------------------------------

function requireNodeArg(ctx: KubectlContext, args: ParsedArgs, verb: string): Node {
  const raw = args.positional[0];
  if (!raw) throw new KubectlError(`USAGE: ${verb} NODE [flags]\nSee 'kubectl ${verb} -h' for help and examples`);
  const name = raw.startsWith('node/') || raw.startsWith('nodes/') ? raw.slice(raw.indexOf('/') + 1) : raw;
  const node = ctx.sim.api.get<Node>('Node', name);
  if (!node) throw new ApiError('NotFound', `nodes "${name}" not found`);
  return node;
}

function runCordon(ctx: KubectlContext, args: ParsedArgs, cordon: boolean): void {
  const node = requireNodeArg(ctx, args, cordon ? 'cordon' : 'uncordon');
  const name = node.metadata.name;
  if ((node.spec.unschedulable ?? false) === cordon) {
    ctx.out.push(`node/${name} already ${cordon ? 'cordoned' : 'uncordoned'}`);
    return;
  }
  ctx.sim.api.update<Node>('Node', name, undefined, (draft) => {
    if (cordon) draft.spec.unschedulable = true;
    else delete draft.spec.unschedulable;
  });
  ctx.out.push(`node/${name} ${cordon ? 'cordoned' : 'uncordoned'}`);
}

function parseTimeout(raw: string | undefined): number {
  if (raw === undefined || raw === '0' || raw === '0s') return 0;
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(raw);
  if (!m || raw === '') throw new KubectlError(`invalid argument "${raw}" for "--timeout" flag: time: invalid duration "${raw}"`);
  return ((Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 1000;
}

/** Starts the drain (the Drainer, src/sim/drain.ts, prints kubectl's lines on its record; the console streams them). */
function runDrain(ctx: KubectlContext, args: ParsedArgs): void {
  const node = requireNodeArg(ctx, args, 'drain');
  ctx.sim.drainer.startDrain(node.metadata.name, {
    ...BUTTON_DRAIN,
    ignoreDaemonsets: bool(args, 'ignore-daemonsets'),
    deleteEmptydirData: bool(args, 'delete-emptydir-data') || bool(args, 'delete-local-data'),
    force: bool(args, 'force'),
    disableEviction: bool(args, 'disable-eviction'),
    gracePeriodSeconds: int(args, 'grace-period') ?? -1,
    timeoutMs: parseTimeout(str(args, 'timeout')),
  });
}

/** Upstream: kubectl/pkg/cmd/taint/utils.go parseTaints. */
function parseTaintSpec(spec: string): { taint: { key: string; value?: string; effect: string }; remove: boolean } {
  const remove = spec.endsWith('-');
  const body = remove ? spec.slice(0, -1) : spec;
  const colon = body.lastIndexOf(':');
  const keyValue = colon < 0 ? body : body.slice(0, colon);
  const effect = colon < 0 ? '' : body.slice(colon + 1);
  const eq = keyValue.indexOf('=');
  const key = eq < 0 ? keyValue : keyValue.slice(0, eq);
  const value = eq < 0 ? undefined : keyValue.slice(eq + 1);
  if (!remove && effect === '') throw new KubectlError(`invalid taint spec: ${spec}, at least one of key and effect must be given`);
  if (effect !== '' && !(TAINT_EFFECTS as readonly string[]).includes(effect)) {
    throw new KubectlError(`invalid taint effect: ${effect}, unsupported taint effect`);
  }
  if (!key) throw new KubectlError(`invalid taint spec: ${spec}, invalid key`);
  return { taint: { key, ...(value ? { value } : {}), effect }, remove };
}

function runTaint(ctx: KubectlContext, args: ParsedArgs): void {
  const [typeArg, nameArg, ...specs] = args.positional;
  if (!typeArg) throw new KubectlError(`at least one taint update is required\nSee 'kubectl taint -h' for help and examples`);
  let names: string[];
  let rest = specs;
  if (typeArg.includes('/')) {
    const [t, n] = typeArg.split('/', 2) as [string, string];
    if (resolveResource(t)?.kind !== 'Node') throw new KubectlError(`invalid resource type ${t}, only node types are supported`);
    names = [n];
    rest = [nameArg ?? '', ...specs].filter((s) => s !== '');
  } else {
    if (resolveResource(typeArg)?.kind !== 'Node') throw new KubectlError(`invalid resource type ${typeArg}, only node types are supported`);
    if (!nameArg) throw new KubectlError(`at least one taint update is required\nSee 'kubectl taint -h' for help and examples`);
    names = [nameArg];
  }
  if (rest.length === 0) throw new KubectlError(`at least one taint update is required\nSee 'kubectl taint -h' for help and examples`);
  const parsed = rest.map(parseTaintSpec);
  const overwrite = bool(args, 'overwrite');
  for (const name of names) {
    const node = ctx.sim.api.get<Node>('Node', name);
    if (!node) throw new ApiError('NotFound', `nodes "${name}" not found`);
    let removed = false;
    let added = false;
    ctx.sim.api.update<Node>('Node', name, undefined, (draft) => {
      let taints = [...(draft.spec.taints ?? [])];
      for (const { taint, remove } of parsed) {
        if (remove) {
          const kept = taints.filter((t) => !(t.key === taint.key && (taint.effect === '' || t.effect === taint.effect)));
          if (kept.length === taints.length) throw new KubectlError(`taint "${taint.effect ? formatTaint(taint) : taint.key}" not found`);
          taints = kept;
          removed = true;
        } else {
          const existing = taints.findIndex((t) => t.key === taint.key && t.effect === taint.effect);
          if (existing >= 0) {
            if (!overwrite) throw new KubectlError(`node ${name} already has ${taint.key} taint(s) with same effect(s) and --overwrite is false`);
            if (!sameTaint(taints[existing]!, taint)) taints[existing] = { key: taint.key, ...(taint.value ? { value: taint.value } : {}), effect: taint.effect };
          } else taints.push({ key: taint.key, ...(taint.value ? { value: taint.value } : {}), effect: taint.effect });
          added = true;
        }
      }
      if (taints.length === 0) delete draft.spec.taints;
      else draft.spec.taints = taints;
    });
    // Upstream: taint.go — "untainted" when only removals, "modified" for both, else "tainted".
    ctx.out.push(`node/${name} ${added && removed ? 'modified' : removed ? 'untainted' : 'tainted'}`);
  }
}

// ---- label, annotate --------------------------------------------------------

function runLabelish(ctx: KubectlContext, args: ParsedArgs, field: 'labels' | 'annotations'): void {
  const verb = field === 'labels' ? 'label' : 'annotate';
  const p = args.positional;
  let type: ResourceType | undefined;
  let names: string[] = [];
  let changes: string[];
  if (p[0]?.includes('/')) {
    const [t, n] = p[0].split('/', 2) as [string, string];
    type = resolveResource(t);
    if (!type) throw new KubectlError(`the server doesn't have a resource type "${t}"`);
    names = [n];
    changes = p.slice(1);
  } else {
    if (!p[0]) throw new KubectlError(`one or more resources must be specified as <resource> <name> or <resource>/<name>\nSee 'kubectl ${verb} -h' for help and examples`);
    type = resolveResource(p[0]);
    if (!type) throw new KubectlError(`the server doesn't have a resource type "${p[0]}"`);
    const rest = p.slice(1);
    names = rest.filter((a) => !a.includes('=') && !a.endsWith('-'));
    changes = rest.filter((a) => a.includes('=') || a.endsWith('-'));
  }
  if (changes.length === 0) throw new KubectlError(`at least one ${field === 'labels' ? 'label' : 'annotation'} update is required\nSee 'kubectl ${verb} -h' for help and examples`);
  const objects = names.length > 0 ? names.map((n) => requireObject(ctx, args, type, n)) : str(args, 'selector') || bool(args, 'all') ? listObjects(ctx, args, { type, names: [] }, []) : [];
  if (objects.length === 0) throw new KubectlError(`one or more resources must be specified as <resource> <name> or <resource>/<name>\nSee 'kubectl ${verb} -h' for help and examples`);
  const set = new Map<string, string>();
  const remove: string[] = [];
  for (const c of changes) {
    if (c.endsWith('-') && !c.includes('=')) remove.push(c.slice(0, -1));
    else {
      const eq = c.indexOf('=');
      const key = c.slice(0, eq);
      if (!key) throw new KubectlError(`invalid ${field === 'labels' ? 'label' : 'annotation'} spec: ${c}`);
      set.set(key, c.slice(eq + 1));
    }
  }
  const overwrite = bool(args, 'overwrite');
  for (const o of objects) {
    const current = o.metadata[field] ?? {};
    if (!overwrite) {
      const clashes = [...set].filter(([k, v]) => current[k] !== undefined && current[k] !== v);
      if (clashes.length > 0) {
        if (field === 'labels') throw new KubectlError(`'${clashes[0]![0]}' already has a value (${current[clashes[0]![0]]}), and --overwrite is false`);
        throw new KubectlError(`--overwrite is false but found the following declared annotation(s): ${clashes.map(([k]) => `'${k}' already has a value (${current[k]})`).join('; ')}`);
      }
    }
    let changed = false;
    const next = { ...current };
    for (const [k, v] of set) {
      if (next[k] === v) continue;
      next[k] = v;
      changed = true;
    }
    for (const k of remove) {
      if (!(k in next)) continue;
      delete next[k];
      changed = true;
    }
    if (changed) {
      ctx.sim.api.update(type.kind, o.metadata.name, o.metadata.namespace, (draft) => {
        if (Object.keys(next).length === 0) delete draft.metadata[field];
        else draft.metadata[field] = next;
      });
    }
    const word = field === 'labels' ? (changed ? (set.size === 0 ? 'unlabeled' : 'labeled') : 'not labeled') : changed ? 'annotated' : 'not annotated';
    ctx.out.push(`${qualifiedSingular(type)}/${o.metadata.name} ${word}`);
  }
}

// ---- scale, rollout, set image -----------------------------------------------

function runScale(ctx: KubectlContext, args: ParsedArgs): void {
  const replicas = int(args, 'replicas');
  if (replicas === undefined || replicas < 0) throw new KubectlError(`The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0`);
  const { type, name } = oneObject(args, 'scale');
  if (!['Deployment', 'ReplicaSet', 'StatefulSet'].includes(type.kind)) throw new ApiError('NotFound', 'the server could not find the requested resource');
  requireObject(ctx, args, type, name);
  ctx.out.push(scaleWorkload(ctx.sim.api, type.kind, namespaceOf(args), name, replicas));
}

export function rolloutTarget(ctx: KubectlContext, args: ParsedArgs, sub: string): { type: ResourceType; name: string } {
  const rest = { ...args, positional: args.positional.slice(1) };
  if (rest.positional.length === 0) throw new KubectlError(`required resource not specified\nSee 'kubectl rollout ${sub} -h' for help and examples`);
  const target = oneObject(rest, `rollout ${sub}`);
  requireObject(ctx, args, target.type, target.name);
  return target;
}

function runRolloutMutation(ctx: KubectlContext, args: ParsedArgs): void {
  const sub = args.positional[0]!;
  const { type, name } = rolloutTarget(ctx, args, sub);
  if (type.kind !== 'Deployment') throw new KubectlError(`no ${sub === 'undo' ? 'rollbacker' : sub === 'restart' ? 'restarter' : sub === 'pause' ? 'pauser' : 'resumer'} has been implemented for "${type.kind}" in this simulation`);
  const ns = namespaceOf(args);
  const api = ctx.sim.api;
  if (sub === 'undo') ctx.out.push(rollbackDeployment(api, ns, name, int(args, 'to-revision') ?? 0));
  else if (sub === 'restart') ctx.out.push(restartDeployment(api, ns, name));
  else if (sub === 'pause') ctx.out.push(pauseDeployment(api, ns, name));
  else ctx.out.push(resumeDeployment(api, ns, name));
}

function runSetImage(ctx: KubectlContext, args: ParsedArgs): void {
  if (args.positional[0] !== 'image') throw new KubectlError(`unknown command "${args.positional[0] ?? ''}" for "kubectl set"`);
  const rest = { ...args, positional: args.positional.slice(1) };
  const pairs = rest.positional.filter((a) => a.includes('=') && !a.includes('/'));
  const targetArgs = { ...rest, positional: rest.positional.filter((a) => !pairs.includes(a)) };
  if (pairs.length === 0) throw new KubectlError(`at least one image update is required`);
  const { type, name } = oneObject(targetArgs, 'set image');
  const o = requireObject(ctx, args, type, name) as Any;
  const isPod = type.kind === 'Pod';
  if (!isPod && !o.spec?.template) throw new KubectlError(`${qualifiedSingular(type)}/${name} has no pod template`);
  const containers: Any[] = (isPod ? o.spec.containers : o.spec.template.spec.containers) ?? [];
  for (const pair of pairs) {
    const [c] = pair.split('=', 1) as [string];
    if (c !== '*' && !containers.some((x) => x.name === c)) throw new KubectlError(`unable to find container named "${c}"`);
  }
  const apply = (list: Any[]) => {
    let changed = false;
    for (const pair of pairs) {
      const eq = pair.indexOf('=');
      const c = pair.slice(0, eq);
      const image = pair.slice(eq + 1);
      for (const x of list) {
        if ((c !== '*' && x.name !== c) || x.image === image) continue;
        x.image = image;
        changed = true;
      }
    }
    return changed;
  };
  if (isPod) ctx.sim.api.update(type.kind, name, namespaceOf(args), (draft: Any) => (apply(draft.spec.containers) ? undefined : false));
  else updateWorkloadSpec(ctx.sim.api, type.kind, name, namespaceOf(args), (draft: Any) => (apply(draft.spec.template.spec.containers) ? undefined : false));
  ctx.out.push(`${qualifiedSingular(type)}/${name} image updated`);
}

export const MUTATING_VERBS: Verb[] = [
  { name: 'apply', mutating: true, flags: [{ name: 'filename', short: 'f', type: 'string' }], run: runApply },
  {
    name: 'create',
    mutating: true,
    flags: [
      { name: 'filename', short: 'f', type: 'string' },
      { name: 'image', type: 'strings' },
      { name: 'replicas', short: 'r', type: 'int' },
    ],
    run: runCreate,
  },
  {
    name: 'delete',
    mutating: true,
    flags: [
      { name: 'filename', short: 'f', type: 'string' },
      { name: 'selector', short: 'l', type: 'string' },
      { name: 'all', type: 'bool' },
      { name: 'all-namespaces', short: 'A', type: 'bool' },
      { name: 'grace-period', type: 'int' },
      { name: 'force', type: 'bool' },
      { name: 'now', type: 'bool' },
      { name: 'wait', type: 'bool' },
      { name: 'ignore-not-found', type: 'bool' },
      { name: 'field-selector', type: 'string' },
    ],
    run: runDelete,
  },
  { name: 'cordon', mutating: true, flags: [], run: (ctx, args) => runCordon(ctx, args, true) },
  { name: 'uncordon', mutating: true, flags: [], run: (ctx, args) => runCordon(ctx, args, false) },
  {
    name: 'drain',
    mutating: true,
    flags: [
      { name: 'ignore-daemonsets', type: 'bool' },
      { name: 'delete-emptydir-data', type: 'bool' },
      { name: 'delete-local-data', type: 'bool' },
      { name: 'force', type: 'bool' },
      { name: 'grace-period', type: 'int' },
      { name: 'timeout', type: 'string' },
      { name: 'disable-eviction', type: 'bool' },
    ],
    run: runDrain,
  },
  { name: 'taint', mutating: true, flags: [{ name: 'overwrite', type: 'bool' }], run: runTaint },
  {
    name: 'label',
    mutating: true,
    flags: [
      { name: 'overwrite', type: 'bool' },
      { name: 'selector', short: 'l', type: 'string' },
      { name: 'all', type: 'bool' },
    ],
    run: (ctx, args) => runLabelish(ctx, args, 'labels'),
  },
  {
    name: 'annotate',
    mutating: true,
    flags: [
      { name: 'overwrite', type: 'bool' },
      { name: 'selector', short: 'l', type: 'string' },
      { name: 'all', type: 'bool' },
    ],
    run: (ctx, args) => runLabelish(ctx, args, 'annotations'),
  },
  { name: 'scale', mutating: true, flags: [{ name: 'replicas', type: 'int' }], run: runScale },
  { name: 'set', mutating: true, flags: [], run: runSetImage },
];

/** rollout's mutating subcommands (status and history are reads). */
export const ROLLOUT_MUTATIONS = new Set(['undo', 'restart', 'pause', 'resume']);
export { runRolloutMutation, requireOne, formatGoDuration };
