import { describe, expect, it } from 'vitest';
import { formatCpu, formatMemory, parseQuantity } from './quantity';

describe('quantities', () => {
  it('parses CPU and memory the way the API writes them', () => {
    expect(parseQuantity('100m')).toBeCloseTo(0.1);
    expect(parseQuantity('4')).toBe(4);
    expect(parseQuantity('1.5')).toBe(1.5);
    expect(parseQuantity('128Mi')).toBe(128 * 2 ** 20);
    expect(parseQuantity('16Gi')).toBe(16 * 2 ** 30);
    expect(parseQuantity('1G')).toBe(1e9);
    expect(parseQuantity('2e3')).toBe(2000);
    expect(parseQuantity(3)).toBe(3);
    expect(parseQuantity(undefined)).toBe(0);
    expect(parseQuantity('lots')).toBe(0);
  });

  it('prints short text', () => {
    expect(formatCpu(0.25)).toBe('250m');
    expect(formatCpu(4)).toBe('4');
    expect(formatCpu(1.5)).toBe('1.5');
    expect(formatMemory(128 * 2 ** 20)).toBe('128Mi');
    expect(formatMemory(1.5 * 2 ** 30)).toBe('1.5Gi');
    expect(formatMemory(0)).toBe('0');
  });
});
