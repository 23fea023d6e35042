/**
 * The API server's checks of user manifests, with upstream's wording:
 * - strict decoding: apimachinery runtime/serializer/json strict errors, as
 *   kubectl prints them ("Deployment in version "v1" cannot be handled as a
 *   Deployment: strict decoding error: unknown field "spec.replica"").
 * - type errors: Go encoding/json UnmarshalTypeError ("json: cannot
 *   unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32").
 * - no matches: apimachinery meta.NoKindMatchError.
 * - conflicts: registry.OptimisticLockErrorMsg.
 * - immutable: apimachinery validation.ValidateImmutableField ("field is immutable").
 */
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../simulation';
import type { Manifest } from '../../api/types';
import { ApiError } from '../errors';
import { SCHEMA_SOURCE, SCHEMA_TYPES, SERVED_KINDS } from '../../../kube/k8s-schema.generated';

function world() {
  return new Simulation({ seed: 1, nodes: [{ name: 'n1' }] });
}

function deployment(spec: Record<string, unknown> = {}, name = 'web'): Manifest {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
      ...spec,
    },
  } as Manifest;
}

function applyError(manifest: Manifest, sim = world()): ApiError {
  try {
    sim.api.apply(manifest);
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('applied without an error');
}

describe('strict decoding', () => {
  it('refuses an unknown field with the strict decoding error and its path', () => {
    const manifest = deployment({ replica: 3 });
    const error = applyError(manifest);
    expect(error.reason).toBe('BadRequest');
    expect(error.message).toBe('Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica"');
    expect(error.fieldCauses).toEqual([{ path: ['spec', 'replica'], message: 'unknown field "spec.replica"' }]);
  });

  it('lists every unknown field, comma separated, with list indexes in the path', () => {
    const manifest = deployment();
    const spec = manifest.spec as { template: { spec: { containers: Record<string, unknown>[] } } };
    spec.template.spec.containers[0]!.imagePullPolicyy = 'Always';
    (manifest.metadata as Record<string, unknown>).lables = { a: 'b' };
    expect(applyError(manifest).message).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "metadata.lables", unknown field "spec.template.spec.containers[0].imagePullPolicyy"',
    );
  });

  it('refuses a wrong type as Go json does', () => {
    const error = applyError(deployment({ replicas: 'three' }));
    expect(error.message).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
    );
    expect(error.fieldCauses[0]!.path).toEqual(['spec', 'replicas']);
  });

  it('names the struct and type of a nested list field', () => {
    const manifest = deployment();
    (manifest.spec as { template: { spec: { containers: unknown } } }).template.spec.containers = { name: 'c' };
    expect(applyError(manifest).message).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal object into Go struct field PodSpec.spec.template.spec.containers of type []v1.Container',
    );
  });

  it('accepts quantities written as numbers (cpu: 1)', () => {
    const manifest = deployment();
    (manifest.spec as { template: { spec: { containers: Record<string, unknown>[] } } }).template.spec.containers[0]!.resources = { requests: { cpu: 1 } };
    expect(() => world().api.apply(manifest)).not.toThrow();
  });
});

describe('kinds and versions', () => {
  it('answers an unserved kind with no matches for kind', () => {
    const error = applyError({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'x' } } as Manifest);
    expect(error.message).toBe('no matches for kind "Ingress" in version "networking.k8s.io/v1"');
  });

  it('answers a served kind in the wrong version the same way', () => {
    const manifest = { ...deployment(), apiVersion: 'apps/v1beta1' };
    expect(applyError(manifest).message).toBe('no matches for kind "Deployment" in version "apps/v1beta1"');
  });
});

describe('admission', () => {
  it('reports a missing required field from the schema', () => {
    const manifest = deployment();
    delete (manifest.spec as Record<string, unknown>).selector;
    const error = applyError(manifest);
    expect(error.reason).toBe('Invalid');
    expect(error.message).toBe('Deployment.apps "web" is invalid: spec.selector: Required value');
  });

  it('reports a missing container name at its index', () => {
    const manifest = deployment();
    delete (manifest.spec as { template: { spec: { containers: Record<string, unknown>[] } } }).template.spec.containers[0]!.name;
    expect(applyError(manifest).fieldCauses[0]!.path).toEqual(['spec', 'template', 'spec', 'containers', 0, 'name']);
  });

  it('refuses an invalid name with the RFC 1123 message', () => {
    const error = applyError(deployment({}, 'Web_1'));
    expect(error.message).toContain('Deployment.apps "Web_1" is invalid: metadata.name: Invalid value: "Web_1": a lowercase RFC 1123 subdomain must consist of');
    expect(error.fieldCauses[0]!.path).toEqual(['metadata', 'name']);
  });

  it('refuses a changed Deployment selector: field is immutable', () => {
    const sim = world();
    sim.api.apply(deployment());
    const changed = deployment({ selector: { matchLabels: { app: 'other' } } });
    (changed.spec as { template: { metadata: { labels: Record<string, string> } } }).template.metadata.labels = { app: 'other' };
    const error = applyError(changed, sim);
    expect(error.message).toBe(
      'Deployment.apps "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"other"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    );
  });
});

describe('optimistic concurrency', () => {
  it('applies a copy that names the stored resourceVersion and refuses a stale one', () => {
    const sim = world();
    const stored = sim.api.apply(deployment());
    const edited = { ...deployment({ replicas: 3 }), metadata: { name: 'web', resourceVersion: stored.metadata.resourceVersion } };
    const updated = sim.api.apply(edited as Manifest);
    expect(updated.metadata.resourceVersion).not.toBe(stored.metadata.resourceVersion);
    const stale = { ...deployment({ replicas: 4 }), metadata: { name: 'web', resourceVersion: stored.metadata.resourceVersion } };
    const error = applyError(stale as Manifest, sim);
    expect(error.reason).toBe('Conflict');
    expect(error.message).toBe(
      'Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again',
    );
  });
});

describe('the generated schema', () => {
  it('names its source', () => {
    expect(SCHEMA_SOURCE).toMatch(/^@kubernetes\/client-node \d+\.\d+\.\d+, Kubernetes OpenAPI release-1\.\d+$/);
  });

  it('holds DeploymentSpec as the OpenAPI spec declares it', () => {
    const spec = SCHEMA_TYPES.V1DeploymentSpec!;
    expect(spec.p.replicas).toMatchObject({ t: 'integer' });
    expect(spec.p.replicas!.d).toContain('Number of desired pods');
    expect(spec.p.selector).toMatchObject({ t: 'V1LabelSelector', r: 1 });
    expect(spec.p.template).toMatchObject({ t: 'V1PodTemplateSpec', r: 1 });
    expect(SCHEMA_TYPES.V1PodSpec!.p.containers).toMatchObject({ t: '[]V1Container', r: 1 });
    expect(SCHEMA_TYPES.V1ObjectMeta!.p.labels).toMatchObject({ t: 'map[string]string' });
    expect(SCHEMA_TYPES.V1PriorityClass!.p.globalDefault).toMatchObject({ t: 'boolean' });
    expect(SCHEMA_TYPES.V1PodDisruptionBudgetSpec!.p.minAvailable).toMatchObject({ t: 'IntOrString' });
  });

  it('covers every served kind', () => {
    expect(Object.keys(SERVED_KINDS)).toContain('PodDisruptionBudget');
    for (const { model } of Object.values(SERVED_KINDS)) expect(SCHEMA_TYPES[model], model).toBeDefined();
  });
});
