/**
 * The API server's checks of what a user sends (kubectl apply/create, the
 * editor, scenario objects), before and around admission: the kind and
 * version, strict decoding (unknown fields, wrong types), the schema's
 * required fields, immutable fields on update and optimistic concurrency on
 * metadata.resourceVersion. Controllers' own writes skip this (they are
 * built from typed objects, and decoding 3,000 pods per tick would cost).
 */
import type { KubeObject, Manifest } from '../../api/types';
import { ApiError, errors, type FieldError } from '../errors';
import { kindInfo, type KindInfo } from '../kind-registry';
import { decodeErrorMessage, formatPath, missingRequired, strictDecode } from './strict-decode';

export { formatPath, strictDecode, missingRequired, decodeErrorMessage } from './strict-decode';
export type { DecodeProblem, FieldPath } from './strict-decode';

/** The kind's entry, or the "no matches for kind" error; then strict decoding. Throws ApiError (BadRequest). */
export function decodeManifest(manifest: Manifest): KindInfo {
  if (manifest === null || typeof manifest !== 'object' || Array.isArray(manifest)) {
    throw errors.badRequest('Object \'Kind\' is missing in the document: it is not a map');
  }
  if (!manifest.apiVersion && manifest.kind) throw errors.badRequest('Object \'apiVersion\' is missing', [{ path: ['apiVersion'], message: 'apiVersion not set' }]);
  const info = kindInfo(manifest.kind, manifest.apiVersion);
  if (manifest.apiVersion !== info.apiVersion) {
    throw errors.badRequest(`no matches for kind "${info.kind}" in version "${manifest.apiVersion}"`, [
      { path: ['apiVersion'], message: `no matches for kind "${info.kind}" in version "${manifest.apiVersion}"` },
    ]);
  }
  const problems = strictDecode(manifest, info.kind);
  if (problems.length) {
    const message = decodeErrorMessage(info.kind, info.apiVersion, problems);
    const shown = problems.some((p) => p.kind === 'type') ? problems.filter((p) => p.kind === 'type').slice(0, 1) : problems;
    throw errors.badRequest(
      message,
      shown.map((p) =>
        p.kind === 'unknown'
          ? { path: p.path, message: `unknown field "${formatPath(p.path)}"` }
          : { path: p.path, message: `cannot unmarshal ${p.got} into ${formatPath(p.path)} of type ${p.goType}` },
      ),
    );
  }
  return info;
}

/** Schema-required fields missing from the manifest, as admission's "Required value" errors. */
export function requiredFieldErrors(manifest: Manifest, kind: string): FieldError[] {
  return missingRequired(manifest, kind).map((path) => ({ field: formatPath(path), type: 'Required value' }));
}

/**
 * Optimistic concurrency: a manifest that names a resourceVersion must name
 * the stored one (Upstream: apiserver/pkg/registry/generic/registry/store.go
 * Update, storage.GuaranteedUpdate's precondition).
 */
export function checkResourceVersion(manifest: Manifest, existing: KubeObject | undefined): void {
  const wanted = manifest.metadata?.resourceVersion;
  if (wanted === undefined || wanted === '') return;
  if (!existing) {
    // Upstream: pkg/registry/rest/create.go BeforeCreate.
    throw errors.invalid(manifest.kind ?? '', manifest.metadata?.name ?? '', [
      { field: 'metadata.resourceVersion', type: 'Invalid value', value: wanted, detail: 'must be empty' },
    ]);
  }
  if (String(wanted) !== existing.metadata.resourceVersion) throw errors.conflict(existing.kind, existing.metadata.name);
}

/** Kinds whose spec.selector may not change (Upstream: pkg/apis/apps/validation, pkg/apis/batch/validation). */
const IMMUTABLE_SELECTOR = new Set(['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet', 'Job']);

/** Fields that may not change on update, with upstream's wording ("field is immutable"). */
export function immutableFieldErrors(existing: KubeObject, incoming: Manifest): FieldError[] {
  const out: FieldError[] = [];
  const oldSpec = (existing as { spec?: Record<string, unknown> }).spec;
  const newSpec = (incoming as { spec?: Record<string, unknown> }).spec;
  if (IMMUTABLE_SELECTOR.has(existing.kind) && oldSpec && newSpec && newSpec.selector !== undefined) {
    if (JSON.stringify(normalSelector(oldSpec.selector)) !== JSON.stringify(normalSelector(newSpec.selector))) {
      out.push({ field: 'spec.selector', type: 'Invalid value', shown: goLabelSelector(newSpec.selector), detail: 'field is immutable' });
    }
  }
  if (existing.kind === 'PriorityClass') {
    const oldValue = (existing as { value?: unknown }).value;
    const newValue = (incoming as { value?: unknown }).value;
    // Upstream: pkg/apis/scheduling/validation ValidatePriorityClassUpdate.
    if (newValue !== undefined && newValue !== oldValue) out.push({ field: 'value', type: 'Forbidden', detail: 'may not be changed in an update.' });
  }
  return out;
}

interface Selector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

function normalSelector(selector: unknown): Selector {
  const s = (selector ?? {}) as Selector;
  const labels = Object.keys(s.matchLabels ?? {}).sort().map((k) => [k, s.matchLabels![k]]);
  return { matchLabels: Object.fromEntries(labels) as Record<string, string>, matchExpressions: s.matchExpressions ?? [] };
}

/** Go's %#v of a metav1.LabelSelector, as field.Invalid prints it. */
function goLabelSelector(selector: unknown): string {
  const s = (selector ?? {}) as Selector;
  const q = (v: string) => JSON.stringify(v);
  const labels = s.matchLabels
    ? `map[string]string{${Object.keys(s.matchLabels).sort().map((k) => `${q(k)}:${q(String(s.matchLabels![k]))}`).join(', ')}}`
    : 'map[string]string(nil)';
  const exprs = s.matchExpressions
    ? `[]v1.LabelSelectorRequirement{${s.matchExpressions
        .map((e) => `v1.LabelSelectorRequirement{Key:${q(e.key)}, Operator:${q(e.operator)}, Values:${e.values ? `[]string{${e.values.map(q).join(', ')}}` : '[]string(nil)'}}`)
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return `v1.LabelSelector{MatchLabels:${labels}, MatchExpressions:${exprs}}`;
}

export { ApiError };
