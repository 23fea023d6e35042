/** React Flow's node and edge types, at module scope so their identity never changes (a new object would remount every node). */
import type { EdgeTypes, NodeTypes } from '@xyflow/react';
import { ControlPlaneNode } from './ControlPlaneNode';
import { HeartbeatEdge } from './HeartbeatEdge';
import { NodeCard } from './NodeCard';
import { PendingNode } from './PendingNode';
import { ZoneNode } from './ZoneNode';

export const nodeTypes: NodeTypes = { controlPlane: ControlPlaneNode, pending: PendingNode, zone: ZoneNode, nodeCard: NodeCard };
export const edgeTypes: EdgeTypes = { heartbeat: HeartbeatEdge };
