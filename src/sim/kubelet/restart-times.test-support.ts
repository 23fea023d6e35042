/** Test support for the kubelet's tests: when a pod's first container restarted. */
import type { Pod } from '../api/types';
import type { Simulation } from '../simulation';

/** Every simulated time the first container's restart count went up, from now on. */
export function restartTimes(sim: Simulation, name: string): number[] {
  const times: number[] = [];
  sim.api.watch<Pod>('Pod', (e) => {
    const now = e.object.status.containerStatuses?.[0]?.restartCount ?? 0;
    const before = e.old?.status.containerStatuses?.[0]?.restartCount ?? 0;
    if (e.object.metadata.name === name && now > before) times.push(sim.nowMs);
  });
  return times;
}
