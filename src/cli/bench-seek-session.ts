/**
 * `npm run bench -- seek`: seeking through the worker's own code path
 * (SimSession: the history's seek, then the snapshot frame, the timeline and
 * the explanation it posts, each frame copied as postMessage would), the
 * page's seek minus drawing. The cluster the page boots from its address
 * (`?nodes=N&pods=30N`; 9 = the default cluster), one simulated hour with a
 * zone cut off from 1 to 30 minutes, then seeks to random times. Prints the
 * median and p95 of the process's CPU time per seek, and of the frame bytes.
 */
import type { SimCommand, SimFrame } from '../protocol/messages';
import { Rng } from '../sim/core/rng';
import { bootCommandFromSearch } from '../ui/chrome/large-cluster';
import { SimSession } from '../worker/session';

const SEEKS = 60;

const row = (label: string, value: string, extra = '') => console.log(`  ${label.padEnd(58)} ${value.padStart(10)}  ${extra}`);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

export function benchSeekSession(nodeCount: number): void {
  let snapshots: SimFrame[] = [];
  const session = new SimSession({
    post: (frame: SimFrame) => {
      structuredClone(frame);
      if (frame.type === 'snapshot') snapshots.push(frame);
    },
    wallNowMs: () => 0,
    setTicking: () => {},
  });
  const send = (command: SimCommand) => session.handle(command);
  const boot = nodeCount === 9 ? ({ type: 'boot', seed: 1 } as const) : bootCommandFromSearch(`?nodes=${nodeCount}&pods=${nodeCount * 30}`, 1).command;
  send(boot);
  // A big cluster boots as a job in slices (one tick runs it all: the wall clock here stands still).
  while (session.snapshotNow() === null) session.tick();
  const stepTo = (ms: number) => send({ type: 'step', ms: ms - session.snapshotNow()!.nowMs });
  stepTo(60_000);
  send({ type: 'act', action: { do: 'partition-zone', zone: 'zone-a' } });
  for (let m = 5; m <= 30; m += 5) stepTo(m * 60_000);
  send({ type: 'act', action: { do: 'heal-zone', zone: 'zone-a' } });
  for (let m = 35; m <= 60; m += 5) stepTo(m * 60_000);
  console.log(`\nseek through the session: ${nodeCount === 9 ? 'the default cluster' : `${nodeCount} nodes, ${nodeCount * 30} pods`}, one simulated hour, zone-a cut off 1–30 min`);

  const rng = Rng.fromSeed(nodeCount).fork('seeks');
  const cpu: number[] = [];
  const bytes: number[] = [];
  for (let i = 0; i < SEEKS; i++) {
    snapshots = [];
    const begin = process.cpuUsage();
    send({ type: 'seek', atMs: rng.int(3_600_001) });
    session.tick();
    const used = process.cpuUsage(begin);
    cpu.push((used.user + used.system) / 1000);
    // Measured after the clock: the JSON text is only for counting.
    bytes.push(snapshots.reduce((sum, frame) => sum + JSON.stringify(frame).length, 0));
  }
  cpu.sort((a, b) => a - b);
  bytes.sort((a, b) => a - b);
  row(`seek to ${SEEKS} random times, CPU: median`, `${percentile(cpu, 0.5).toFixed(0)} ms`, `p95 ${percentile(cpu, 0.95).toFixed(0)} ms, max ${cpu.at(-1)!.toFixed(0)} ms`);
  row('snapshot frame after a seek (as JSON): median', `${(percentile(bytes, 0.5) / 1024).toFixed(0)} KiB`, `p95 ${(percentile(bytes, 0.95) / 1024).toFixed(0)} KiB`);
}
