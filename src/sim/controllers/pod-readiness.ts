/** Upstream: pkg/controller/util/node/controller_utils.go MarkPodsNotReady. */
import type { ApiServer } from '../apiserver/apiserver';
import { toTimestamp } from '../core/time';
import type { Pod } from '../api/types';

/**
 * Sets the Ready condition of every pod on `nodeName` to False (keeping its
 * reason and message), so endpoints drop them, and records NodeNotReady on
 * each pod whose condition changed.
 */
export function markPodsNotReady(api: ApiServer, pods: readonly Pod[], nodeName: string, source: string): void {
  const now = toTimestamp(api.nowMs);
  for (const pod of pods) {
    if (pod.spec.nodeName !== nodeName) continue;
    const ready = pod.status.conditions?.find((c) => c.type === 'Ready');
    if (!ready || ready.status === 'False') continue;
    const updated = api.update<Pod>('Pod', pod.metadata.name, pod.metadata.namespace, (draft) => {
      const condition = draft.status.conditions!.find((c) => c.type === 'Ready')!;
      condition.status = 'False';
      condition.lastTransitionTime = now;
    });
    api.recordEvent(updated, 'Warning', 'NodeNotReady', 'Node is not ready', source);
  }
}
