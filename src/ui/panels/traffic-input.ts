/** The rate field of the inspector's traffic control: whole requests per second, 0 to MAX_RPS (src/kube/limits.ts, the engine's own limit). */
import { MAX_RPS } from '../../kube/limits';

export function parseRps(text: string): { rps: number } | { error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { error: 'Enter requests per second (0 stops the traffic).' };
  if (!/^\d+$/.test(trimmed)) return { error: `Requests per second must be a whole number from 0 to ${MAX_RPS} (got ${trimmed}).` };
  const rps = Number(trimmed);
  if (rps > MAX_RPS) return { error: `At most ${MAX_RPS} requests per second (got ${rps}).` };
  return { rps };
}
