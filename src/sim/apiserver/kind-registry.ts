/**
 * The kinds the API server serves: for each, its API version, scope, and
 * admission (defaulting and validation). Kinds register themselves here.
 */
import type { KubeObject } from '../api/types';
import type { ApiServer } from './apiserver';
import { errors, type FieldError } from './errors';

export interface KindInfo {
  kind: string;
  apiVersion: string;
  namespaced: boolean;
  /** Fills in defaults (mutating `object`) and returns validation errors. */
  admit(api: ApiServer, object: KubeObject, existing?: KubeObject): FieldError[];
}

const KINDS = new Map<string, KindInfo>();

/** The kind's entry; throws the API server's "no matches for kind" error for kinds it does not serve. */
export function kindInfo(kind: string | undefined, apiVersion?: string): KindInfo {
  if (!kind) throw errors.badRequest('Object \'Kind\' is missing');
  const info = KINDS.get(kind);
  // Upstream: apimachinery meta.NoKindMatchError (kubectl's REST mapping, before anything is sent).
  if (!info) throw errors.badRequest(`no matches for kind "${kind}" in version "${apiVersion ?? ''}"`);
  return info;
}

export function isServedKind(kind: string): boolean {
  return KINDS.has(kind);
}

export function registerKind(info: KindInfo): void {
  KINDS.set(info.kind, info);
}
