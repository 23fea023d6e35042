import { describe, expect, it } from 'vitest';
import type { SimAction } from '../sim/actions';
import { parseLesson } from './parse';
import { patternMatches, sameAction } from './parse-checks';
import { respondToAction } from './respond';
import type { LessonStep } from './types';

const kill = (node: string): SimAction => ({ do: 'kill-node', node });
const pod = (name: string, image: string): SimAction => ({
  do: 'apply',
  object: { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image }] } },
});

describe('sameAction (is it the awaited action?)', () => {
  it('matches the same action on the same target', () => {
    expect(sameAction(kill('zone-a-2'), kill('zone-a-2'))).toBe(true);
    expect(sameAction(kill('zone-a-2'), kill('zone-a-1'))).toBe(false);
    expect(sameAction(kill('zone-a-2'), { do: 'shutdown-node', node: 'zone-a-2' })).toBe(false);
  });

  it('compares values: a scale to another count or a taint with another value is another action', () => {
    const scale = (replicas: number): SimAction => ({ do: 'scale', kind: 'Deployment', name: 'web', namespace: 'default', replicas });
    expect(sameAction(scale(13), scale(13))).toBe(true);
    expect(sameAction(scale(13), scale(12))).toBe(false);
    const taint = (value: string): SimAction => ({ do: 'taint', node: 'n', taint: { key: 'node.kubernetes.io/out-of-service', value, effect: 'NoExecute' } });
    expect(sameAction(taint('nodeshutdown'), taint('other'))).toBe(false);
  });

  it('matches an apply on kind, name and namespace, whatever the body', () => {
    expect(sameAction(pod('p', 'nginx'), pod('p', 'busybox'))).toBe(true);
    expect(sameAction(pod('p', 'nginx'), pod('q', 'nginx'))).toBe(false);
  });
});

describe('patternMatches (which hint answers a learner action?)', () => {
  it('matches on do, and on each target field given', () => {
    expect(patternMatches({ do: 'kill-node' }, kill('zone-a-1'))).toBe(true);
    expect(patternMatches({ do: 'kill-node', node: 'zone-a-1' }, kill('zone-a-1'))).toBe(true);
    expect(patternMatches({ do: 'kill-node', node: 'zone-a-1' }, kill('zone-a-2'))).toBe(false);
    expect(patternMatches({ do: 'drain' }, kill('zone-a-1'))).toBe(false);
    expect(patternMatches({ do: 'heal-zone', zone: 'zone-a' }, { do: 'heal-zone', zone: 'zone-b' })).toBe(false);
    expect(patternMatches({ do: 'delete', kind: 'Pod' }, { do: 'delete', kind: 'Pod', name: 'db-1', namespace: 'default', force: true })).toBe(true);
    expect(patternMatches({ do: 'apply', kind: 'Pod', name: 'p' }, pod('p', 'nginx'))).toBe(true);
  });
});

describe('respondToAction', () => {
  const step = (): LessonStep => {
    const parsed = parseLesson(`name: t
cluster: {zones: [{name: zone-a, nodes: 3}]}
lesson:
  title: T
  summary: S
  topic: X
  steps:
    - text: Kill zone-a-2.
      wait: {action: {do: kill-node, node: zone-a-2}}
      hints:
        - {when: {do: kill-node, node: zone-a-1}, text: Not the first one.}
        - {when: {do: kill-node}, text: Another node.}
`);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    return parsed.file.lesson.steps[0]!;
  };

  it('says the awaited action moves the step on, and answers others with the first matching hint', () => {
    expect(respondToAction(step(), kill('zone-a-2'))).toEqual({ kind: 'awaited' });
    expect(respondToAction(step(), kill('zone-a-1'))).toEqual({ kind: 'hint', text: 'Not the first one.' });
    expect(respondToAction(step(), kill('zone-a-3'))).toEqual({ kind: 'hint', text: 'Another node.' });
    expect(respondToAction(step(), { do: 'cordon', node: 'zone-a-2' })).toEqual({ kind: 'none' });
  });
});
