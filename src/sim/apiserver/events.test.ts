import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types';
import { EventLog } from './events';

const node = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Node', metadata: { name, uid: `uid-${name}`, resourceVersion: '1', creationTimestamp: '' } });

describe('EventLog', () => {
  it('aggregates identical events and reports each record once, at its latest occurrence', () => {
    const log = new EventLog(100);
    log.record(0, node('a'), 'Normal', 'NodeNotReady', 'down', 'node-controller');
    log.record(1, node('b'), 'Normal', 'NodeNotReady', 'down', 'node-controller');
    const mark = log.lastSeq;
    log.record(2, node('a'), 'Normal', 'NodeNotReady', 'down', 'node-controller');
    log.record(3, node('c'), 'Normal', 'NodeNotReady', 'down', 'node-controller');
    const since = log.since(mark);
    expect(since.map((r) => `${r.involvedObject.name}×${r.count}`)).toEqual(['a×2', 'c×1']);
    expect(log.since(0).map((r) => r.involvedObject.name)).toEqual(['b', 'a', 'c']);
    expect(log.since(log.lastSeq)).toEqual([]);
  });

  it('lists the latest records as the tail of since(0), each record once at its latest occurrence', () => {
    const log = new EventLog(100);
    for (let i = 0; i < 12; i++) log.record(i, node(`n${i % 5}`), 'Normal', 'R', 'm', 's');
    const all = log.since(0);
    for (const limit of [0, 1, 3, 5, 50]) expect(log.latest(limit)).toEqual(all.slice(Math.max(0, all.length - limit)));
  });

  it('keeps the newest records within twice its capacity (trimmed back to it in batches)', () => {
    const log = new EventLog(10);
    for (let i = 0; i < 40; i++) log.record(i, node(`n${i}`), 'Normal', 'R', 'm', 's');
    const names = log.since(0).map((r) => r.involvedObject.name);
    expect(names.length).toBeLessThanOrEqual(20);
    expect(names.at(-1)).toBe('n39');
    expect(log.since(35).map((r) => r.involvedObject.name)).toEqual(['n35', 'n36', 'n37', 'n38', 'n39']);
  });
});
