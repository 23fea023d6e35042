/**
 * Round robin in integer arithmetic: `total` requests over `ways` targets,
 * each target gets ⌊total / ways⌋ and the remainder goes one each to the
 * targets from `cursor` on (wrapping), the next ones in the rotation. The
 * caller moves the cursor by `total` afterwards, so over many seconds every
 * target gets the same share within one request, as a round-robin balancer
 * would hand them out one by one.
 */
export function splitEvenly(total: number, ways: number, cursor: number): number[] {
  if (ways <= 0) return [];
  const base = Math.floor(total / ways);
  const remainder = total - base * ways;
  const parts = new Array<number>(ways).fill(base);
  for (let i = 0; i < remainder; i++) parts[(cursor + i) % ways]!++;
  return parts;
}

/**
 * How many of `requests`, handed out round robin from `cursor` over the
 * endpoints (splitEvenly), reach one that answers: every endpoint gets the
 * floor, the remainder goes one each from the cursor on.
 */
export function okShare(requests: number, live: readonly boolean[], cursor: number): number {
  const ways = live.length;
  let liveCount = 0;
  for (const l of live) if (l) liveCount++;
  if (liveCount === ways) return requests;
  if (liveCount === 0) return 0;
  const base = Math.floor(requests / ways);
  const remainder = requests - base * ways;
  let ok = base * liveCount;
  for (let i = 0; i < remainder; i++) if (live[(cursor + i) % ways]) ok++;
  return ok;
}
