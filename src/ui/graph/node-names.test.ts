import { describe, expect, it } from 'vitest';
import { nextNodeName } from './node-names';

describe('nextNodeName', () => {
  it('numbers past the highest node of the zone', () => {
    expect(nextNodeName('zone-a', ['zone-a-1', 'zone-a-3', 'zone-b-7'])).toBe('zone-a-4');
    expect(nextNodeName('zone-a', [])).toBe('zone-a-1');
    expect(nextNodeName('zone-a', ['zone-a-x'])).toBe('zone-a-1');
  });
});
