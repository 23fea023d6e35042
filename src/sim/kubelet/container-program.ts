/**
 * What the simulated containers do. Containers run forever, except that a
 * container whose command line contains `sleep N` exits after N seconds
 * (with the code of an `exit K` that follows, else 0) — the usual way
 * example manifests write a batch job, read here instead of executed.
 */
import type { Pod } from '../api/types';

export interface PodProgram {
  /** When the pod's last container exits, after it started; null = never. */
  runForMs: number | null;
  /** The first non-zero exit code among the containers, else 0. */
  exitCode: number;
}

const SLEEP = /\bsleep\s+(\d+(?:\.\d+)?)(s|m|h)?\b/;
const EXIT = /\bexit\s+(\d+)\b/;
const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000 };

export function podProgram(spec: Pod['spec']): PodProgram {
  let runForMs: number | null = null;
  let exitCode = 0;
  for (const container of spec.containers) {
    const line = [...(container.command ?? []), ...(container.args ?? [])].join(' ');
    const sleep = SLEEP.exec(line);
    if (!sleep) return { runForMs: null, exitCode: 0 };
    const ms = Math.round(Number(sleep[1]) * UNIT_MS[sleep[2] ?? 's']!);
    runForMs = Math.max(runForMs ?? 0, ms);
    const exit = EXIT.exec(line.slice(sleep.index));
    if (exit && exitCode === 0) exitCode = Number(exit[1]);
  }
  return { runForMs, exitCode };
}

/** Upstream: kubelet container restart backoff — 10 s doubling, capped at 5 min. */
export function restartBackoffMs(restartCount: number): number {
  return Math.min(10_000 * 2 ** Math.max(restartCount - 1, 0), 300_000);
}
