/**
 * The FailedScheduling message: "0/<N> nodes are available: <count> <reason>, …."
 * with the reasons counted across nodes and sorted as strings, then the
 * PostFilter (preemption) message.
 *
 * Upstream: pkg/scheduler/framework/types.go FitError.Error.
 */
import type { Failure } from './framework';

export interface AbsentNodes {
  count: number;
  reasons: readonly string[];
}

export function fitErrorMessage(numAllNodes: number, failures: Iterable<Failure>, absent: AbsentNodes | null, postFilterMessage: string): string {
  const counts = new Map<string, number>();
  for (const failure of failures) {
    for (const reason of failure.reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  if (absent && absent.count > 0) {
    for (const reason of absent.reasons) counts.set(reason, (counts.get(reason) ?? 0) + absent.count);
  }
  // Go's sort.Strings compares bytes; every reason here is ASCII, so the default sort agrees.
  const parts = [...counts].map(([reason, count]) => `${count} ${reason}`).sort();
  let message = `0/${numAllNodes} nodes are available:`;
  if (parts.length) message += ` ${parts.join(', ')}.`;
  if (postFilterMessage) message += ` ${postFilterMessage}`;
  return message;
}
