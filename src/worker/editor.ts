/**
 * The YAML editor's commands: validate, dry-run (kubectl diff), apply and
 * delete of every document of a buffer. Validation and dry runs ask the API
 * server's `dryRunApply` (all of apply's checks, nothing stored); apply and
 * delete go through the session's `act`, one action per document, so they
 * are recorded, replayed and fork the past like any button.
 *
 * Output lines follow kubectl: `deployment.apps/web created`,
 * `Error from server (BadRequest): error when creating "STDIN": …`
 * (Upstream: staging/src/k8s.io/kubectl/pkg/cmd/apply/apply.go and
 * cmd/util/helpers.go CheckErr; cmd/diff/diff.go for the diff's file names).
 */
import { structuredPatch } from 'diff';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, stringify, type Document, type Node as YamlNode } from 'yaml';
import { formatBytes, overLimit, PAGE_LIMITS } from '../kube/limits';
import { ApiError, NAMESPACED_KINDS, resourceName, type KubeObject, type Manifest, type SimAction, type Simulation } from '../sim';
import { nestingProblem } from '../scenario/parse-limits';
import type { EditorDocumentResult, EditorOp, EditorProblem, EditorResultFrame } from '../protocol/messages';

export interface EditorHost {
  /** The world as the page shows it (live or in the past). */
  sim(): Simulation;
  /** Runs an action as `act` does; returns its error, if any. */
  act(action: SimAction): string | undefined;
}

type Path = (string | number)[];

interface ParsedDocument {
  index: number;
  /** Offsets of the document in the buffer. */
  from: number;
  to: number;
  value: unknown;
  doc: Document.Parsed;
  problems: EditorProblem[];
}

const MAX_ALIAS_COUNT = 1000;

/** Runs one editor command against the session's world. */
export function runEditorCommand(host: EditorHost, seq: number, op: EditorOp, text: string): EditorResultFrame {
  const frame = (documents: EditorDocumentResult[], error?: string): EditorResultFrame => ({
    type: 'editor-result',
    seq,
    op,
    documents,
    ...(error ? { error } : {}),
  });
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > PAGE_LIMITS.fileBytes) {
    return frame([], `the editor's text is ${formatBytes(bytes)}: ${overLimit('bytes', bytes, PAGE_LIMITS.fileBytes, PAGE_LIMITS)}`);
  }
  const tooDeep = nestingProblem(text);
  if (tooDeep) return frame([], tooDeep);
  const lineCounter = new LineCounter();
  const docs = parseDocuments(text, lineCounter);
  const objects = docs.filter((d) => d.value !== null && d.value !== undefined).length;
  if (objects > PAGE_LIMITS.entries) return frame([], `the editor holds ${overLimit('objects', objects, PAGE_LIMITS.entries, PAGE_LIMITS)}`);
  return frame(docs.map((d) => runDocument(host, op, d, lineCounter)));
}

function parseDocuments(text: string, lineCounter: LineCounter): ParsedDocument[] {
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: true });
  const list = Array.isArray(docs) ? docs : [];
  return list.map((doc, index) => {
    const problems: EditorProblem[] = [...doc.errors, ...doc.warnings].map((e) =>
      problemAt(lineCounter, e.pos[0], Math.max(e.pos[1], e.pos[0] + 1), `error converting YAML to JSON: ${e.message.split('\n')[0]}`),
    );
    let value: unknown = null;
    if (problems.length === 0) {
      try {
        value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
      } catch (error) {
        problems.push(problemAt(lineCounter, doc.range[0], doc.range[1], `error converting YAML to JSON: ${error instanceof Error ? error.message : String(error)}`));
      }
    }
    return { index, from: doc.range[0], to: doc.range[2], value, doc, problems };
  });
}

function problemAt(lineCounter: LineCounter, from: number, to: number, message: string): EditorProblem {
  const pos = lineCounter.linePos(from);
  return { from, to: Math.max(to, from), line: pos.line, column: pos.col, message };
}

function runDocument(host: EditorHost, op: EditorOp, d: ParsedDocument, lineCounter: LineCounter): EditorDocumentResult {
  const base = { index: d.index, object: '' };
  if (d.problems.length) return { ...base, line: `error: ${d.problems[0]!.message}`, outcome: 'error', problems: d.problems };
  if (d.value === null || d.value === undefined) return { ...base, line: '', outcome: 'empty', problems: [] };
  const manifest = d.value as Manifest;
  const whole = (message: string): EditorProblem => problemAt(lineCounter, d.from, Math.min(d.to, d.from + 1), message);
  if (typeof manifest !== 'object' || Array.isArray(manifest)) {
    const message = 'error validating data: the document is not a map of fields';
    return { ...base, line: `error: ${message}`, outcome: 'error', problems: [whole(message)] };
  }
  const kind = typeof manifest.kind === 'string' ? manifest.kind : '';
  const name = typeof manifest.metadata?.name === 'string' ? manifest.metadata.name : '';
  if (!kind || !manifest.apiVersion) {
    // Upstream: kubectl's resource builder, before anything is sent.
    const message = `error validating data: ${!manifest.apiVersion ? 'apiVersion not set' : 'kind not set'}`;
    const at = locate(d.doc, [manifest.apiVersion ? 'kind' : 'apiVersion'], lineCounter) ?? whole(message);
    return { ...base, line: `error: ${message}`, outcome: 'error', problems: [{ ...at, message }] };
  }
  // kubectl names an object by its lower-case kind and group: "deployment.apps/web".
  const group = resourceName(kind).split('.').slice(1).join('.');
  const object = `${kind.toLowerCase()}${group ? `.${group}` : ''}/${name}`;
  const sim = host.sim();
  const namespace = NAMESPACED_KINDS.has(kind) ? manifest.metadata?.namespace || 'default' : undefined;
  const live = name ? sim.api.get(kind, name, namespace) : undefined;
  const failure = (error: unknown): EditorDocumentResult => {
    const problems = errorProblems(error, d, lineCounter, whole);
    return { ...base, object, line: errorLine(error, kind, name, namespace, !!live), outcome: 'error', problems };
  };
  if (op === 'delete') {
    if (!live) return failure(new ApiError('NotFound', `${resourceName(kind)} "${name}" not found`));
    const error = host.act({ do: 'delete', kind, name, ...(namespace ? { namespace } : {}) });
    if (error !== undefined) return { ...base, object, line: `error: ${error}`, outcome: 'error', problems: [whole(error)] };
    // Upstream: kubectl/pkg/cmd/delete/delete.go PrintObj ("deployment.apps \"web\" deleted").
    return { ...base, object, line: `${object.slice(0, object.lastIndexOf('/'))} "${name}" deleted`, outcome: 'deleted', problems: [] };
  }
  let plan: { live: KubeObject | undefined; result: KubeObject };
  try {
    plan = sim.api.dryRunApply(manifest);
  } catch (error) {
    return failure(error);
  }
  const outcome = !plan.live ? 'created' : sameApplied(plan.live, plan.result) ? 'unchanged' : 'configured';
  const result: EditorDocumentResult = { ...base, object, line: `${object} ${outcome}${op === 'dry-run' ? ' (server dry run)' : ''}`, outcome, problems: [] };
  if (op === 'dry-run') result.diff = objectDiff(plan.live, plan.result);
  if (op === 'apply' && outcome !== 'unchanged') {
    const error = host.act({ do: 'apply', object: manifest });
    if (error !== undefined) return { ...result, line: `error: ${error}`, outcome: 'error', problems: [whole(error)] };
  }
  return result;
}

/** kubectl apply sends no patch when the merged object is the live one. */
function sameApplied(live: KubeObject, result: KubeObject): boolean {
  const strip = (o: KubeObject) => {
    const copy = { ...o, metadata: { ...o.metadata, annotations: { ...o.metadata.annotations } } } as KubeObject & { status?: unknown };
    delete copy.status;
    delete copy.metadata.annotations!['kubectl.kubernetes.io/last-applied-configuration'];
    delete copy.metadata.generation;
    return JSON.stringify(copy, Object.keys(flatKeys(copy)).sort());
  };
  return strip(live) === strip(result);
}

/** Every key used anywhere in `value` (for a key-sorted JSON.stringify). */
function flatKeys(value: unknown, out: Record<string, true> = {}): Record<string, true> {
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (!Array.isArray(value)) out[k] = true;
      flatKeys(v, out);
    }
  }
  return out;
}

/** The object as `kubectl get -o yaml` prints it (no managed fields). */
export function objectYaml(object: KubeObject | undefined): string {
  if (!object) return '';
  const copy = { ...object, metadata: { ...object.metadata } } as KubeObject;
  delete (copy.metadata as unknown as Record<string, unknown>).managedFields;
  return stringify(copy, { lineWidth: 0 });
}

/**
 * kubectl diff: `diff -u -N` of the live object and the merged one, named
 * as kubectl names its temporary files (group.version.Kind.namespace.name).
 */
function objectDiff(live: KubeObject | undefined, result: KubeObject): string {
  const before = objectYaml(live);
  const after = objectYaml(result);
  if (before === after) return '';
  const [group, version] = result.apiVersion.includes('/') ? result.apiVersion.split('/') : ['', result.apiVersion];
  const file = [group ? `${group}.${version}` : version, result.kind, result.metadata.namespace, result.metadata.name].filter(Boolean).join('.');
  const patch = structuredPatch(`/tmp/LIVE-0/${file}`, `/tmp/MERGED-0/${file}`, before, after, '', '', { context: 3 });
  const lines = [`diff -u -N /tmp/LIVE-0/${file} /tmp/MERGED-0/${file}`, `--- /tmp/LIVE-0/${file}`, `+++ /tmp/MERGED-0/${file}`];
  for (const hunk of patch.hunks) {
    lines.push(`@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`);
    lines.push(...hunk.lines);
  }
  return lines.join('\n') + '\n';
}

/** kubectl's line for a failed apply (cmd/util/helpers.go StandardErrorMessage, apply.go's "error when …"). */
function errorLine(error: unknown, kind: string, name: string, namespace: string | undefined, exists: boolean): string {
  if (!(error instanceof ApiError)) return `error: ${error instanceof Error ? error.message : String(error)}`;
  if (error.message.startsWith('no matches for kind')) {
    return `error: resource mapping not found for name: "${name}" namespace: "${namespace ?? ''}" from "STDIN": ${error.message}\nensure CRDs are installed first`;
  }
  const reason = error.reason === 'Invalid' ? 'Invalid' : error.reason;
  if (error.reason === 'NotFound' && !exists) return `Error from server (NotFound): ${error.message}`;
  return `Error from server (${reason}): error when ${exists ? 'patching' : 'creating'} "STDIN": ${error.message}`;
}

function errorProblems(error: unknown, d: ParsedDocument, lineCounter: LineCounter, whole: (m: string) => EditorProblem): EditorProblem[] {
  if (!(error instanceof ApiError)) return [whole(error instanceof Error ? error.message : String(error))];
  if (error.fieldCauses.length === 0) {
    const at = error.message.startsWith('no matches for kind') ? locate(d.doc, ['kind'], lineCounter) : undefined;
    return [at ? { ...at, message: error.message } : whole(error.message)];
  }
  return error.fieldCauses.map((cause) => {
    const at = locate(d.doc, cause.path, lineCounter);
    // The whole message (it names the object) when there is one cause; each cause's own otherwise.
    const message = error.fieldCauses.length === 1 ? error.message : cause.message;
    return at ? { ...at, message } : whole(message);
  });
}

/** Where `path` is in the document: its key (for a field) or item; the nearest ancestor that exists otherwise. */
function locate(doc: Document.Parsed, path: Path, lineCounter: LineCounter): Omit<EditorProblem, 'message'> | undefined {
  let node: unknown = doc.contents;
  let range: [number, number] | undefined;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) break;
      const key = pair.key as YamlNode;
      if (key.range) range = [key.range[0], key.range[1]];
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as YamlNode | undefined;
      if (!item) break;
      if (item.range) range = [item.range[0], item.range[0] + 1];
      node = item;
    } else break;
  }
  if (!range) {
    const r = (doc.contents as YamlNode | null)?.range;
    if (!r) return undefined;
    range = [r[0], r[0] + 1];
  }
  const pos = lineCounter.linePos(range[0]);
  return { from: range[0], to: range[1], line: pos.line, column: pos.col };
}
