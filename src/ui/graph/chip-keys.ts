/**
 * Moving between the pod chips of one card with the keyboard: the card is the
 * one Tab stop, the chips are entered with an arrow key (see NodeCard), so
 * thousands of pods add no Tab stops. Left/Right go one chip back/forward,
 * Up/Down one row (squares wrap in rows of fifteen), Home/End to the ends.
 * Pure: it sees the chips as points.
 */

export interface ChipPoint {
  left: number;
  top: number;
}

export const CHIP_MOVE_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End']);

/** The chip to focus after `key` on chip `at`; the same index at an edge. */
export function nextChipIndex(points: readonly ChipPoint[], at: number, key: string): number {
  const last = points.length - 1;
  switch (key) {
    case 'Home':
      return 0;
    case 'End':
      return last;
    case 'ArrowLeft':
      return Math.max(0, at - 1);
    case 'ArrowRight':
      return Math.min(last, at + 1);
    case 'ArrowUp':
    case 'ArrowDown':
      return verticalNeighbour(points, at, key === 'ArrowDown' ? 1 : -1);
    default:
      return at;
  }
}

/** The chip in the nearest row above or below, closest in x; a single column is just the next or previous chip. */
function verticalNeighbour(points: readonly ChipPoint[], at: number, direction: 1 | -1): number {
  const here = points[at];
  if (!here) return at;
  let best = at;
  let bestRow = Infinity;
  let bestDx = Infinity;
  points.forEach((p, i) => {
    const rowGap = (p.top - here.top) * direction;
    if (rowGap <= 1) return;
    const dx = Math.abs(p.left - here.left);
    if (rowGap < bestRow - 1 || (Math.abs(rowGap - bestRow) <= 1 && dx < bestDx)) {
      best = i;
      bestRow = rowGap;
      bestDx = dx;
    }
  });
  return best;
}
