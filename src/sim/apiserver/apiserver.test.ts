import { describe, expect, it } from 'vitest';
import type { Pod } from '../api/types';
import { TestWorld } from '../controllers/test-world';
import type { WatchEvent } from './apiserver';

describe('ApiServer.updateStatus (PUT …/status)', () => {
  it('writes a new status and resourceVersion, sharing the unchanged spec with the stored version', () => {
    const world = new TestWorld();
    const before = world.addPod('web', 'node-1');
    const events: WatchEvent<Pod>[] = [];
    world.api.watch<Pod>('Pod', (event) => events.push(event));
    const after = world.api.updateStatus<Pod>('Pod', 'web', 'default', (stored) => ({ ...stored.status, phase: 'Running' }));
    expect(after.status.phase).toBe('Running');
    expect(before.status.phase).not.toBe('Running');
    expect(Number(after.metadata.resourceVersion)).toBeGreaterThan(Number(before.metadata.resourceVersion));
    expect(after.spec).toBe(before.spec);
    expect(after.metadata.labels).toBe(before.metadata.labels);
    expect(world.api.get<Pod>('Pod', 'web', 'default')).toBe(after);
    expect(events).toEqual([{ type: 'MODIFIED', object: after, old: before }]);
    // Both versions stay frozen (the test world freezes what it stores).
    expect(Object.isFrozen(after.spec)).toBe(true);
  });

  it('writes nothing when the callback says so, and reports a missing object', () => {
    const world = new TestWorld();
    const before = world.addPod('web', 'node-1');
    expect(world.api.updateStatus<Pod>('Pod', 'web', 'default', () => false)).toBe(before);
    expect(() => world.api.updateStatus<Pod>('Pod', 'nope', 'default', (p) => p.status)).toThrow('pods "nope" not found');
  });
});
