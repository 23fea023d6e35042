/**
 * The API server's decoding of a manifest against its kind's schema, with
 * strict field validation (kubectl's default `--validate=strict` since 1.27):
 * unknown fields and wrong types are a BadRequest before admission runs.
 *
 * Upstream: k8s.io/apimachinery/pkg/runtime/serializer/json strict decoding
 * (sigs.k8s.io/json UnmarshalStrict), whose errors read
 *   Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica"
 *   Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32
 * (apiserver/pkg/endpoints/handlers/rest.go transformDecodeError).
 *
 * The schema is generated from a package (src/kube/k8s-schema.generated.ts).
 * Fidelity gap: that schema types resource quantities as strings, so a
 * number is accepted wherever a string is (`cpu: 1` must be, `image: 1` is
 * refused upstream).
 */
import { SCHEMA_TYPES, SERVED_KINDS, type SchemaField } from '../../../kube/k8s-schema.generated';

export type FieldPath = (string | number)[];

/** One problem found while decoding, at a path into the manifest. */
export interface DecodeProblem {
  path: FieldPath;
  /** "unknown field" or "type". */
  kind: 'unknown' | 'type';
  /** For type problems: the JSON value's kind and the Go type (for the message). */
  got?: string;
  goType?: string;
  goStruct?: string;
  /** Go's field path: struct fields only, no list indexes or map keys ("spec.template.spec.containers.image"). */
  goPath?: string;
}

/** "spec.template.spec.containers[0].name", as the API server prints paths. */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out ? `.${part}` : part;
  return out;
}

/** The Go type the API server would decode a schema type into, for messages ("int32", "[]v1.Container"). */
function goType(t: string, format?: string): string {
  if (t === 'integer') return format === 'int64' ? 'int64' : 'int32';
  if (t === 'boolean') return 'bool';
  if (t === 'number') return 'float64';
  if (t === 'string') return 'string';
  if (t === 'IntOrString') return 'intstr.IntOrString';
  if (t === 'any') return 'interface {}';
  if (t.startsWith('[]')) return `[]${goType(t.slice(2))}`;
  if (t.startsWith('map[string]')) return `map[string]${goType(t.slice(11))}`;
  return `v1.${goName(t)}`;
}

/** "V1DeploymentSpec" → "DeploymentSpec". */
function goName(model: string): string {
  return model.replace(/^(V\d+(alpha\d+|beta\d+)?|Core|Discovery|Events)(?=[A-Z])/, '');
}

/** Go's name for a JSON value's kind in an UnmarshalTypeError. */
function jsonKind(value: unknown): string {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return Number.isInteger(value) ? 'number' : `number ${value}`;
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value)) return 'array';
  return 'object';
}

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Decodes `value` as schema type `t`; problems are pushed onto `out`. */
function decode(value: unknown, t: string, field: SchemaField | undefined, path: FieldPath, goPath: string, struct: string, out: DecodeProblem[]): void {
  if (value === null || value === undefined || t === 'any') return;
  const typeProblem = () =>
    out.push({ path, kind: 'type', got: jsonKind(value), goType: goType(t, field?.f), goStruct: struct, goPath });
  switch (t) {
    case 'string':
      if (typeof value !== 'string' && typeof value !== 'number') typeProblem();
      return;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) typeProblem();
      return;
    case 'number':
      if (typeof value !== 'number') typeProblem();
      return;
    case 'boolean':
      if (typeof value !== 'boolean') typeProblem();
      return;
    case 'IntOrString':
      if ((typeof value !== 'number' || !Number.isInteger(value)) && typeof value !== 'string') typeProblem();
      return;
  }
  if (t.startsWith('[]')) {
    if (!Array.isArray(value)) return void typeProblem();
    value.forEach((item, i) => decode(item, t.slice(2), undefined, [...path, i], goPath, struct, out));
    return;
  }
  if (t.startsWith('map[string]')) {
    if (!isMap(value)) return void typeProblem();
    for (const [key, item] of Object.entries(value)) decode(item, t.slice(11), undefined, [...path, key], goPath, struct, out);
    return;
  }
  const type = SCHEMA_TYPES[t];
  if (!type) return;
  if (!isMap(value)) return void typeProblem();
  for (const [key, item] of Object.entries(value)) {
    // The status is the server's: it is dropped on apply, and the simulation's own status fields are not the API's.
    if (path.length === 0 && key === 'status') continue;
    const child = type.p[key];
    if (!child) {
      out.push({ path: [...path, key], kind: 'unknown' });
      continue;
    }
    decode(item, child.t, child, [...path, key], goPath ? `${goPath}.${key}` : key, goName(t), out);
  }
}

/** Schema-required fields that are missing (after decoding; reported with admission's Invalid errors). */
export function missingRequired(manifest: unknown, kind: string): FieldPath[] {
  const served = SERVED_KINDS[kind];
  if (!served) return [];
  const out: FieldPath[] = [];
  const walk = (value: unknown, t: string, path: FieldPath) => {
    if (t.startsWith('[]')) {
      if (Array.isArray(value)) value.forEach((item, i) => walk(item, t.slice(2), [...path, i]));
      return;
    }
    const type = SCHEMA_TYPES[t];
    if (!type || !isMap(value)) return;
    for (const [key, field] of Object.entries(type.p)) {
      if (path.length === 0 && key === 'status') continue;
      const child = value[key];
      if (child === undefined || child === null) {
        if (field.r && !(path.length === 0 && (key === 'apiVersion' || key === 'kind'))) out.push([...path, key]);
        continue;
      }
      walk(child, field.t, [...path, key]);
    }
  };
  walk(manifest, served.model, []);
  return out;
}

/** Unknown fields and wrong types in a manifest of a served kind. */
export function strictDecode(manifest: unknown, kind: string): DecodeProblem[] {
  const served = SERVED_KINDS[kind];
  if (!served) return [];
  const out: DecodeProblem[] = [];
  decode(manifest, served.model, undefined, [], '', kind, out);
  return out;
}

/** The message the API server answers a failed decode with. */
export function decodeErrorMessage(kind: string, apiVersion: string, problems: DecodeProblem[]): string {
  const version = apiVersion.includes('/') ? apiVersion.slice(apiVersion.indexOf('/') + 1) : apiVersion;
  const prefix = `${kind} in version "${version}" cannot be handled as a ${kind}: `;
  const typeProblem = problems.find((p) => p.kind === 'type');
  if (typeProblem) {
    return `${prefix}json: cannot unmarshal ${typeProblem.got} into Go struct field ${typeProblem.goStruct}.${typeProblem.goPath} of type ${typeProblem.goType}`;
  }
  return `${prefix}strict decoding error: ${problems.map((p) => `unknown field "${formatPath(p.path)}"`).join(', ')}`;
}
