import { describe, expect, it } from 'vitest';
import { parseDuration, parseQuantityValue } from './duration';

const ms = (input: unknown) => {
  const result = parseDuration(input);
  return result.ok ? result.value : result.message;
};

describe('parseDuration', () => {
  it.each([
    [30, 30_000],
    [0, 0],
    [1.5, 1_500],
    [0.1, 100],
    ['500ms', 500],
    ['55s', 55_000],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['1m30s', 90_000],
    ['1h2m3s4ms', 3_723_004],
    ['1.5s', 1_500],
    ['0.25m', 15_000],
    ['0', 0],
    [' 10s ', 10_000],
  ])('%j is %d ms', (input, expected) => {
    expect(ms(input)).toBe(expected);
  });

  it.each([
    ['10x', 'invalid duration "10x"'],
    ['', 'invalid duration ""'],
    ['s', 'invalid duration "s"'],
    ['1m 30s', 'invalid duration "1m 30s"'],
    ['30', 'has no unit: write 30 (a number, seconds) or "30s"'],
    ['-5s', 'must not be negative'],
    [-1, 'must not be negative'],
    [Infinity, 'not a finite number'],
    ['0.5ms', 'not a whole number of milliseconds'],
    [0.0001, 'not a whole number of milliseconds'],
    [true, 'expected a duration'],
    [null, 'found an empty value'],
  ])('rejects %j', (input, message) => {
    expect(ms(input)).toContain(message);
  });
});

describe('parseQuantityValue', () => {
  it('reads Kubernetes quantities', () => {
    expect(parseQuantityValue('500m')).toEqual({ ok: true, value: 0.5 });
    expect(parseQuantityValue(2)).toEqual({ ok: true, value: 2 });
    expect(parseQuantityValue('8Gi')).toEqual({ ok: true, value: 8 * 2 ** 30 });
  });

  it('rejects what is not a quantity', () => {
    expect(parseQuantityValue('lots')).toMatchObject({ ok: false, message: 'invalid quantity "lots" (e.g. "500m", 2, "512Mi", "8Gi")' });
    expect(parseQuantityValue('-1')).toMatchObject({ ok: false, message: 'quantity "-1" must not be negative' });
    expect(parseQuantityValue([1])).toMatchObject({ ok: false });
  });
});
