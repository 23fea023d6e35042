/**
 * Graceful node shutdown: the priority groups and killing them in turn.
 * Upstream: pkg/kubelet/nodeshutdown/nodeshutdown_manager.go (migrateConfig, groupByPriority, processShutdownEvent).
 */
import type { KubeletSettings } from '../config';
import type { Pod } from '../api/types';
import { podKeyOf, shutdownKey, type KubeletHost } from './host';
import type { PodLifecycle } from './pod-lifecycle';

/** Upstream: scheduling.SystemCriticalPriority. */
export const SYSTEM_CRITICAL_PRIORITY = 2_000_000_000;

export interface ShutdownGroup {
  priority: number;
  periodMs: number;
}

/** Upstream: migrateConfig — [] means graceful shutdown is off (shutdown = power loss). */
export function shutdownGroups(settings: KubeletSettings): ShutdownGroup[] {
  const total = settings.shutdownGracePeriodMs;
  const critical = settings.shutdownGracePeriodCriticalPodsMs;
  if (total <= 0) return [];
  const normal = total - critical;
  if (normal < 0) return [];
  // Upstream converts to whole seconds.
  const seconds = (ms: number) => Math.floor(ms / 1000) * 1000;
  return [
    { priority: 0, periodMs: seconds(normal) },
    { priority: SYSTEM_CRITICAL_PRIORITY, periodMs: seconds(total - normal) },
  ];
}

/**
 * Upstream: groupByPriority — a pod joins the group with the largest priority
 * not above its own; pods below the lowest join the lowest. Groups ascend.
 */
export function groupIndexFor(groups: readonly ShutdownGroup[], podPriority: number): number {
  let index = 0;
  for (let i = 0; i < groups.length; i++) if (groups[i]!.priority <= podPriority) index = i;
  return index;
}

/**
 * Upstream: nodeshutdown_manager processShutdownEvent. Kill the next
 * non-empty priority group; each pod gets min(group period, its own grace
 * period); when the last group is done the machine powers off.
 */
export function startNextShutdownGroup(host: KubeletHost, pods: PodLifecycle, name: string): void {
  const state = host.require(name);
  if (state.power !== 'shutting-down' || !state.shutdown) return;
  const groups = shutdownGroups(state.settings);
  const now = host.ctx.clock.nowMs;
  for (let index = state.shutdown.groupIndex + 1; index < groups.length; index++) {
    const members = runningPods(host, name).filter((pod) => groupIndexFor(groups, pod.spec.priority ?? 0) === index);
    if (members.length === 0) continue;
    state.shutdown.groupIndex = index;
    let groupEndMs = now;
    for (const pod of members) {
      const graceMs = Math.min(groups[index]!.periodMs, (pod.spec.terminationGracePeriodSeconds ?? 30) * 1000);
      const podKey = podKeyOf(pod);
      pods.enter(name, podKey, state.pods[podKey]!, 'shutdown-killing', pod, graceMs);
      groupEndMs = Math.max(groupEndMs, now + graceMs);
    }
    host.slots.set(shutdownKey(name), groupEndMs);
    return;
  }
  host.shutdownDone(name);
}

/** Pods whose containers run (or are about to), in name order. */
function runningPods(host: KubeletHost, name: string): Pod[] {
  const state = host.require(name);
  return host.api
    .podsOnNode(name)
    .filter((pod) => {
      const local = state.pods[podKeyOf(pod)];
      return local && local.uid === pod.metadata.uid && (local.stage === 'starting' || local.stage === 'running');
    })
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
}
