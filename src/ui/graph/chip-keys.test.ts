import { describe, expect, it } from 'vitest';
import { nextChipIndex } from './chip-keys';

/** Squares in rows of three, 16 px apart: 0 1 2 / 3 4 5 / 6 7. */
const grid = Array.from({ length: 8 }, (_, i) => ({ left: (i % 3) * 16, top: Math.floor(i / 3) * 16 }));
/** Full chips: one column. */
const column = Array.from({ length: 4 }, (_, i) => ({ left: 0, top: i * 22 }));

describe('nextChipIndex', () => {
  it('moves one chip with Left/Right and to the ends with Home/End, stopping at the edges', () => {
    expect(nextChipIndex(grid, 4, 'ArrowRight')).toBe(5);
    expect(nextChipIndex(grid, 4, 'ArrowLeft')).toBe(3);
    expect(nextChipIndex(grid, 0, 'ArrowLeft')).toBe(0);
    expect(nextChipIndex(grid, 7, 'ArrowRight')).toBe(7);
    expect(nextChipIndex(grid, 4, 'Home')).toBe(0);
    expect(nextChipIndex(grid, 4, 'End')).toBe(7);
  });

  it('moves a row with Up/Down, to the closest chip in x', () => {
    expect(nextChipIndex(grid, 1, 'ArrowDown')).toBe(4);
    expect(nextChipIndex(grid, 4, 'ArrowUp')).toBe(1);
    // The last row is short: from 5, down lands on 7 (closest in x).
    expect(nextChipIndex(grid, 5, 'ArrowDown')).toBe(7);
    expect(nextChipIndex(grid, 7, 'ArrowDown')).toBe(7);
    expect(nextChipIndex(grid, 2, 'ArrowUp')).toBe(2);
  });

  it('walks a single column of chips with Up/Down', () => {
    expect(nextChipIndex(column, 1, 'ArrowDown')).toBe(2);
    expect(nextChipIndex(column, 1, 'ArrowUp')).toBe(0);
    expect(nextChipIndex(column, 3, 'ArrowDown')).toBe(3);
  });
});
