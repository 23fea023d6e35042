/** Test helper: the default cluster at a fixed time, with kubectl lines run as recorded actions. */
import type { SimAction } from '../actions';
import { Simulation } from '../simulation';
import type { Manifest } from '../api/types';
import type { NodeConfig } from '../actions';

export function bootCluster(nodes: NodeConfig[], objects: Manifest[], atMs: number): Simulation {
  const sim = new Simulation({ seed: 1, nodes });
  for (const object of objects) sim.schedule(0, { do: 'apply', object });
  sim.runUntil(atMs);
  return sim;
}

/** Runs a mutating line as the worker records it, and returns kubectl's output. */
export function actKubectl(sim: Simulation, line: string, stdin?: string): { stdout: string; stderr: string; exitCode: number } {
  const action: SimAction = stdin === undefined ? { do: 'kubectl', line } : { do: 'kubectl', line, stdin };
  const record = sim.act(action);
  if (!record.output) throw new Error(`no output recorded for ${line}${record.error ? `: ${record.error}` : ''}`);
  return record.output;
}
