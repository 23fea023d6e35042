/**
 * Manifests (`objects` and the `apply` action). Only the envelope is checked
 * here (apiVersion, kind, a name); the API server's admission validates the
 * rest when the object is created, as `kubectl apply` would find out.
 */
import type { Manifest } from '../sim';
import { describeValue } from './duration';
import type { Reader } from './reader';
import { kindProblem } from './support';
import type { Path } from './yaml-source';

const ZONE_LABEL = 'topology.kubernetes.io/zone';

export interface ReadManifest {
  manifest: Manifest;
  /** For a Node manifest: the node it declares, for later references. */
  node?: { name: string; zone?: string };
}

export function readManifest(value: unknown, path: Path, reader: Reader): ReadManifest | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    reader.error(path, `expected a Kubernetes manifest (a mapping with apiVersion, kind and metadata), found ${describeValue(value)}`);
    return undefined;
  }
  const manifest = value as Manifest;
  let ok = true;
  const present = (field: 'apiVersion' | 'kind' | 'metadata') => {
    if (manifest[field] !== undefined) return true;
    reader.error(path, `missing required field "${field}"`);
    return (ok = false);
  };
  if (present('apiVersion') && reader.string(manifest.apiVersion, [...path, 'apiVersion'], { nonEmpty: true }) === undefined) ok = false;
  if (present('kind')) {
    const kind = reader.string(manifest.kind, [...path, 'kind'], { nonEmpty: true });
    const problem = kind === undefined ? 'no kind' : kindProblem(kind);
    if (kind !== undefined && problem) reader.error([...path, 'kind'], problem);
    if (problem) ok = false;
  }
  if (present('metadata') && !readMetadata(manifest.metadata, [...path, 'metadata'], reader)) ok = false;
  if (!ok) return undefined;
  if (manifest.kind !== 'Node' || !manifest.metadata?.name) return { manifest };
  const zone = manifest.metadata.labels?.[ZONE_LABEL];
  return { manifest, node: zone === undefined ? { name: manifest.metadata.name } : { name: manifest.metadata.name, zone } };
}

function readMetadata(value: unknown, path: Path, reader: Reader): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    reader.error(path, `expected a mapping, found ${describeValue(value)}`);
    return false;
  }
  const meta = value as Record<string, unknown>;
  let ok = true;
  for (const field of ['name', 'generateName', 'namespace'] as const) {
    if (meta[field] !== undefined && reader.string(meta[field], [...path, field], { nonEmpty: true }) === undefined) ok = false;
  }
  if (meta.name === undefined && meta.generateName === undefined) {
    reader.error(path, 'missing required field "name" (or "generateName")');
    ok = false;
  }
  return ok;
}
