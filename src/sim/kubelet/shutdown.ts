/**
 * Graceful node shutdown groups.
 * Upstream: pkg/kubelet/nodeshutdown/nodeshutdown_manager.go (migrateConfig, groupByPriority).
 */
import type { KubeletSettings } from '../config';

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
