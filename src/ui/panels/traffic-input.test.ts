import { describe, expect, it } from 'vitest';
import { MAX_RPS } from '../../kube/limits';
import { parseRps } from './traffic-input';

describe('parseRps', () => {
  it('takes whole numbers from 0 to the engine’s limit and names what is wrong otherwise', () => {
    // The one limit (src/kube/limits.ts), which the engine's set-traffic applies too.
    expect(MAX_RPS).toBe(10_000);
    expect(parseRps(' 30 ')).toEqual({ rps: 30 });
    expect(parseRps('0')).toEqual({ rps: 0 });
    expect(parseRps('10000')).toEqual({ rps: 10_000 });
    expect(parseRps('')).toEqual({ error: 'Enter requests per second (0 stops the traffic).' });
    expect(parseRps('10001')).toEqual({ error: 'At most 10000 requests per second (got 10001).' });
    expect(parseRps('-3')).toEqual({ error: 'Requests per second must be a whole number from 0 to 10000 (got -3).' });
    expect(parseRps('2.5')).toEqual({ error: 'Requests per second must be a whole number from 0 to 10000 (got 2.5).' });
    expect(parseRps('lots')).toEqual({ error: 'Requests per second must be a whole number from 0 to 10000 (got lots).' });
  });
});
