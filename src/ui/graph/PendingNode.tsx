/** Pods no node has taken yet, kept in sight next to the control plane. */
import type { Node as FlowNode } from '@xyflow/react';
import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useSim } from '../store';
import { UNSCHEDULED } from './graph-index';
import { PENDING_STOP } from './focus-order';
import { ChipArea, chipAreaKeyDown } from './PodChips';
import { selectUnscheduledKeys } from './selectors';

export type PendingNodeType = FlowNode<Record<string, never>, 'pending'>;

export const PendingNode = memo(function PendingNode() {
  const keys = useSim(useShallow(selectUnscheduledKeys));
  return (
    // One Tab stop; an arrow key or Enter enters its pod chips (see chipAreaKeyDown).
    <div
      className={`pending${keys.length ? ' pending-some' : ''}`}
      role="group"
      tabIndex={0}
      data-stop={PENDING_STOP}
      aria-label={`Pending pods: ${keys.length}`}
      onKeyDown={(event) => chipAreaKeyDown(event, true)}
    >
      <h3>
        Pending <span className="muted">(unscheduled) · {keys.length}</span>
      </h3>
      <ChipArea keys={keys} owner={UNSCHEDULED} label="Unscheduled pods" fullLimit={2} squareLimit={32} emptyText="Every pod has a node." />
    </div>
  );
});
