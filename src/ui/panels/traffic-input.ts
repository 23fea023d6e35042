/** The rate field of the inspector's traffic control: whole requests per second, 0 to MAX_RPS (the engine's limit, repeated: the page imports no engine code; both tests say 10000). */
export const MAX_RPS = 10_000;

export function parseRps(text: string): { rps: number } | { error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { error: 'Enter requests per second (0 stops the traffic).' };
  if (!/^\d+$/.test(trimmed)) return { error: `Requests per second must be a whole number from 0 to ${MAX_RPS} (got ${trimmed}).` };
  const rps = Number(trimmed);
  if (rps > MAX_RPS) return { error: `At most ${MAX_RPS} requests per second (got ${rps}).` };
  return { rps };
}
