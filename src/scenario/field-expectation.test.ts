/** The `object` / `field` / `equals` expectation (an extension of the contract). */
import { describe, expect, it } from 'vitest';
import { parseScenario } from './parse';
import { parseFieldPath } from './parse-expect';
import { runScenario } from './run';

const file = (expectLine: string) => `name: t
cluster:
  zones: [{name: z, nodes: 1}]
objects:
  - {apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {nodeName: z-1, containers: [{name: app, image: nginx}]}}
expect:
  - ${expectLine}
`;

describe('field expectations', () => {
  it('reads a path of properties, indexes and key=value selectors', () => {
    expect(parseFieldPath('status.conditions[type=Ready].status')).toEqual([{ property: 'status' }, { property: 'conditions' }, { key: 'type', value: 'Ready' }, { property: 'status' }]);
    expect(parseFieldPath('status.containerStatuses[0].restartCount')).toEqual([{ property: 'status' }, { property: 'containerStatuses' }, { index: 0 }, { property: 'restartCount' }]);
    expect(parseFieldPath('status..phase')).toMatch(/is not a field name/);
  });

  it('refuses a file with a bad path, naming the field', () => {
    const parsed = parseScenario(file('{at: 5s, object: Pod/p, field: "status[x]", equals: 1}'));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.map((e) => e.message).join()).toContain('invalid field path "status[x]": [x] is neither an index nor key=value');
  });

  it('compares the field found with equals, and says what it found', () => {
    const run = (line: string) => {
      const parsed = parseScenario(file(line));
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      const outcome = runScenario(parsed.scenario);
      if (!outcome.ok) throw new Error('refused');
      return outcome.result.expectations[0]!;
    };
    expect(run('{at: 5s, object: Pod/p, field: "status.conditions[type=Ready].status", equals: "True"}').passed).toBe(true);
    const wrong = run('{at: 5s, object: Pod/default/p, field: status.phase, equals: Pending}');
    expect(wrong).toMatchObject({ passed: false, expected: '"Pending"', found: '"Running"' });
    expect(run('{at: 5s, object: Pod/p, field: status.nothing, equals: 1}').found).toBe('no such field');
    expect(run('{at: 5s, object: Pod/q, field: status.phase, equals: 1}').found).toBe('no Pod/q');
  });
});
