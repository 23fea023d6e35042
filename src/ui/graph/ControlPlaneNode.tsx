/** The control plane at the top: the API server every heartbeat goes to, the scheduler and the controller manager. */
import { Handle, Position, type Node as FlowNode } from '@xyflow/react';
import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useSim } from '../store';
import { selectUnscheduledKeys } from './selectors';

export type ControlPlaneNodeType = FlowNode<Record<string, never>, 'controlPlane'>;

export const ControlPlaneNode = memo(function ControlPlaneNode() {
  const nodes = useSim((s) => s.cluster.nodes.size);
  const pods = useSim((s) => s.cluster.pods.size);
  const pending = useSim(useShallow(selectUnscheduledKeys)).length;
  const evictions = useSim((s) => s.evictions.byPod.size);
  const disrupted = useSim((s) => s.zones.zones.filter((z) => z.state === 'PartialDisruption' || z.state === 'FullDisruption').length);
  return (
    <div className="cp" role="group" aria-label="Control plane">
      <div className="cp-part cp-api">
        <h3>API server</h3>
        <p>
          {nodes} nodes · {pods} pods
        </p>
        <Handle type="target" position={Position.Bottom} id="api" isConnectable={false} className="hb-handle" />
      </div>
      <div className="cp-part">
        <h3>Scheduler</h3>
        <p>{pending === 0 ? 'nothing pending' : `${pending} pending`}</p>
      </div>
      <div className="cp-part">
        <h3>Controller manager</h3>
        <p>
          {evictions === 0 ? 'no evictions queued' : `${evictions} evictions queued`}
          {disrupted > 0 && ` · ${disrupted} zone${disrupted === 1 ? '' : 's'} disrupted`}
        </p>
      </div>
    </div>
  );
});
