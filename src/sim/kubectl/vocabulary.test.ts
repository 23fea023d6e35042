import { describe, expect, it } from 'vitest';
import { KUBECTL_RESOURCES, KUBECTL_VERB_FLAGS } from '../../kube/kubectl-vocabulary';
import { VERBS } from './index';
import { RESOURCE_TYPES } from './resources';

describe('the console completion vocabulary (src/kube) matches the engine kubectl', () => {
  it('has every verb with its flags', () => {
    const engine = Object.fromEntries(VERBS.map((v) => [v.name, v.flags.map((f) => `--${f.name}`)]));
    expect(KUBECTL_VERB_FLAGS).toEqual(engine);
  });
  it('has every resource type with its names', () => {
    const engine = RESOURCE_TYPES.map((r) => ({ kind: r.kind, names: [r.plural, r.singular, ...r.shortNames] }));
    expect([...KUBECTL_RESOURCES].sort((a, b) => (a.kind < b.kind ? -1 : 1))).toEqual([...engine].sort((a, b) => (a.kind < b.kind ? -1 : 1)));
  });
});
