/**
 * A node as a card inside its zone: what the API says about it (conditions,
 * taints, cordon, requests, lease) and what it runs (pod chips). Fixed size,
 * so nothing around it moves when its contents change. Every piece selects
 * only what it draws.
 */
import { Handle, Position, useReactFlow, useStoreApi, type Node as FlowNode, type NodeProps } from '@xyflow/react';
import { memo, useRef, useState, type FocusEvent, type KeyboardEvent, type MouseEvent } from 'react';
import type { Node, NodeCondition, Taint } from '../../sim/api/types';
import type { MachineView } from '../../protocol/messages';
import { nodeReadyStatus } from '../kube';
import { select } from '../selection';
import { useSim } from '../store';
import { ActionsMenu } from './ActionsMenu';
import { Ago, LeaseAge } from './Clocks';
import { PowerIcon } from './Icons';
import { nodeMenuItems } from './node-actions';
import { useOverview } from './overview';
import { useOpenDialog } from './dialog-context';
import { useMachine, useNode, useNodePodsVersion, usePodKeysOn, useSelected } from './graph-index';
import { cardStop } from './focus-order';
import { ChipArea, chipAreaKeyDown } from './PodChips';
import { sumRequests } from './pod-view';
import { formatCpu, formatMemory, parseQuantity } from './quantity';
import { splitTaintKey, taintAddedMs } from './taint-view';

export type NodeCardNode = FlowNode<{ name: string; lane: number }, 'nodeCard'>;

/** Full chips up to this many pods (one per line); squares beyond. */
const FULL_CHIPS = 4;
/** Squares that fit the card (three rows of fifteen). */
const SQUARES = 45;
/** Big squares that fit a card in the overview (four rows of nine). */
const OVERVIEW_SQUARES = 36;

/** Taint lines that fit; the rest are counted. */
const TAINT_LINES = 3;

const CONDITION_SHORT: Readonly<Record<string, string>> = {
  MemoryPressure: 'Mem',
  DiskPressure: 'Disk',
  PIDPressure: 'PID',
  NetworkUnavailable: 'Net',
};

export const NodeCard = memo(function NodeCard({ data, positionAbsoluteX, positionAbsoluteY, width, height }: NodeProps<NodeCardNode>) {
  const name = data.name;
  const node = useNode(name);
  const machine = useMachine(name);
  const overview = useOverview();
  const [menuOpen, setMenuOpen] = useState(false);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const cardRef = useRef<HTMLDivElement>(null);
  const openDialog = useOpenDialog();
  const panToCard = usePanIntoView(positionAbsoluteX, positionAbsoluteY, width ?? 0, height ?? 0);
  const selected = useSelected(`Node:${name}`);
  if (!node) return null;

  const ready = nodeReadyStatus(node);
  const cordoned = node.spec.unschedulable === true;
  const extras = [cordoned && 'cordoned', machine?.power === 'off' && 'power off', machine && !machine.reachable && 'cut off'].filter(Boolean);
  const menu = (
    // Not a Tab stop of its own: Enter on the card opens the same menu, so a card costs one Tab stop.
    <ActionsMenu
      label={`Actions for ${name}`}
      items={nodeMenuItems(name, node, machine, openDialog)}
      open={menuOpen}
      onOpenChange={setMenuOpen}
      triggerRef={triggerRef}
      returnFocusTo={cardRef}
      tabIndex={-1}
    >
      <span aria-hidden="true">⋯</span>
    </ActionsMenu>
  );
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (chipAreaKeyDown(event) || event.target !== event.currentTarget) return;
    if (event.key === 'Enter') {
      event.preventDefault();
      setMenuOpen(true);
    } else if (event.key === 'i') {
      // "i" inspects the node, as a click on the card does.
      event.preventDefault();
      select({ kind: 'Node', name });
    }
  };
  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    if ((event.target as HTMLElement).closest('button, [role="menu"], [role="dialog"], [data-pod]')) return;
    select({ kind: 'Node', name });
  };
  return (
    <div
      ref={cardRef}
      className={`card card-ready-${ready}${machine?.power === 'off' ? ' card-off' : ''}${overview ? ' card-overview' : ''}`}
      role="group"
      tabIndex={0}
      data-stop={cardStop(name)}
      aria-label={`Node ${name}, Ready ${ready}${extras.length ? `, ${extras.join(', ')}` : ''}`}
      aria-current={selected || undefined}
      onKeyDown={onKeyDown}
      onClick={onClick}
      onFocus={(e: FocusEvent<HTMLDivElement>) => e.target === e.currentTarget && panToCard()}
    >
      <Handle
        type="source"
        position={Position.Top}
        id="heartbeat"
        isConnectable={false}
        className="hb-handle"
        style={{ left: `calc(50% + ${data.lane}px)` }}
      />
      {overview ? (
        <>
          <div className="card-head">
            <span className="card-name" title={name}>
              {name}
            </span>
            {menu}
          </div>
          <div className="ov-state">
            <ReadyBadge status={ready} short />
            <MachineBadges machine={machine} />
            {cordoned && (
              <span className="badge badge-warn">
                <span aria-hidden="true">⊘</span> cordoned
              </span>
            )}
            {(node.spec.taints?.length ?? 0) > 0 && <span className="badge badge-warn">{node.spec.taints!.length} taints</span>}
          </div>
        </>
      ) : (
        <>
          <div className="card-head">
            <span className="card-name" title={name}>
              {name}
            </span>
            <ReadyBadge status={ready} />
            {menu}
          </div>
          <Conditions conditions={node.status.conditions} />
          <div className="card-state">
            <LeaseAge node={name} />
            <MachineBadges machine={machine} />
            {cordoned && (
              <span className="badge badge-warn">
                <span aria-hidden="true">⊘</span> cordoned
              </span>
            )}
          </div>
          <Taints node={node} />
          <Resources name={name} allocatable={node.status.allocatable} />
        </>
      )}
      <NodePods name={name} overview={overview} />
    </div>
  );
});

const NodePods = memo(function NodePods({ name, overview }: { name: string; overview: boolean }) {
  const keys = usePodKeysOn(name);
  return (
    <div className="card-pods">
      <ChipArea
        keys={keys}
        owner={name}
        label={`Pods on ${name}`}
        fullLimit={overview ? 0 : FULL_CHIPS}
        squareLimit={overview ? OVERVIEW_SQUARES : SQUARES}
        emptyText="No pods"
        overview={overview}
      />
    </div>
  );
});

/** "✓ Ready True"; in the overview just "✓ Ready", "? Unknown", "✕ NotReady" (the card's name says the rest). */
function ReadyBadge({ status, short = false }: { status: string; short?: boolean }) {
  const tone = status === 'True' ? 'ok' : status === 'Unknown' ? 'warn' : 'bad';
  const glyph = status === 'True' ? '✓' : status === 'Unknown' ? '?' : '✕';
  const text = !short ? `Ready ${status}` : status === 'True' ? 'Ready' : status === 'Unknown' ? 'Unknown' : 'NotReady';
  return (
    <span className={`badge badge-${tone} ready-badge`} title={`Ready ${status}`}>
      <span aria-hidden="true">{glyph} </span>
      {text}
    </span>
  );
}

/** The four conditions other than Ready, short ("✓ Mem"), each saying its full name and status to a screen reader. */
function Conditions({ conditions }: { conditions: NodeCondition[] | undefined }) {
  return (
    <ul className="card-conditions" aria-label="Other conditions">
      {Object.entries(CONDITION_SHORT).map(([type, short]) => {
        // Not every node reports every condition (NetworkUnavailable comes from the network plugin).
        const status = conditions?.find((c) => c.type === type)?.status ?? 'not reported';
        const tone = status === 'False' ? 'ok' : status === 'not reported' ? 'none' : status === 'Unknown' ? 'warn' : 'bad';
        const glyph = status === 'False' ? '✓' : status === 'not reported' ? '–' : status === 'Unknown' ? '?' : '⚠';
        return (
          <li key={type} className={`cond cond-${tone}`} title={`${type} ${status}`}>
            <span aria-hidden="true">
              {glyph} {short}
            </span>
            <span className="visually-hidden">
              {type} {status}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

function MachineBadges({ machine }: { machine: MachineView | undefined }) {
  if (!machine) return null;
  return (
    <>
      {machine.power !== 'on' && (
        <span className="badge badge-bad" title={`${machine.power === 'off' ? 'The machine is off: no kubelet runs' : 'The machine is shutting down'}; its network path to the API server is ${machine.reachable ? 'up' : 'cut'}`}>
          <PowerIcon /> {machine.power === 'off' ? 'power off' : 'shutting down'}
        </span>
      )}
      {!machine.reachable && (
        <span className="badge badge-bad">
          <span aria-hidden="true">✂</span> cut off
        </span>
      )}
    </>
  );
}

function Taints({ node }: { node: Node }) {
  const seen = useSim((s) => s.cluster.taintSeenMs.get(node.metadata.name));
  const epochMs = useSim((s) => s.clock.epochMs);
  const taints = node.spec.taints ?? [];
  const shown = taints.length > TAINT_LINES ? taints.slice(0, TAINT_LINES - 1) : taints;
  return (
    <div className="card-taints">
      {taints.length === 0 ? (
        <p className="muted">No taints</p>
      ) : (
        <ul aria-label="Taints">
          {shown.map((t) => (
            <TaintLine key={`${t.key}:${t.effect}`} taint={t} sinceMs={taintAddedMs(t, node, seen, epochMs)} />
          ))}
          {shown.length < taints.length && (
            <li className="muted" title={taints.slice(shown.length).map((t) => `${t.key}:${t.effect}`).join(', ')}>
              +{taints.length - shown.length} more taints
            </li>
          )}
        </ul>
      )}
    </div>
  );
}

function TaintLine({ taint, sinceMs }: { taint: Taint; sinceMs: number | undefined }) {
  const { prefix, rest } = splitTaintKey(taint.key);
  const tone = taint.effect === 'NoExecute' ? 'bad' : 'warn';
  return (
    <li className={`taint taint-${tone}`} title={`${taint.key}${taint.value ? `=${taint.value}` : ''}:${taint.effect}`}>
      <code className="taint-name">
        {prefix && <span className="visually-hidden">{prefix}</span>}
        {rest}
        {taint.value ? `=${taint.value}` : ''}:{taint.effect}
      </code>
      {sinceMs !== undefined && (
        <span className="taint-age">
          {' '}
          <Ago sinceMs={sinceMs} />
          <span className="visually-hidden"> ago</span>
        </span>
      )}
    </li>
  );
}

function Resources({ name, allocatable }: { name: string; allocatable: Record<string, string> | undefined }) {
  // Re-summed only when something about this node's pods changed (see graph-index).
  useNodePodsVersion(name);
  const { cluster } = useSim.getState();
  const used = sumRequests(cluster.podsByNode.get(name), cluster.pods);
  const cpu = parseQuantity(allocatable?.cpu);
  const memory = parseQuantity(allocatable?.memory);
  const pods = parseQuantity(allocatable?.pods);
  return (
    <dl className="card-resources">
      <Meter label="CPU" used={used.cpu} total={cpu} text={`${formatCpu(used.cpu)} / ${formatCpu(cpu)}`} />
      <Meter label="Mem" title="Memory" used={used.memory} total={memory} text={`${formatMemory(used.memory)} / ${formatMemory(memory)}`} />
      <Meter label="Pods" used={used.pods} total={pods} text={`${used.pods} / ${pods}`} />
    </dl>
  );
}

function Meter({ label, title, used, total, text }: { label: string; title?: string; used: number; total: number; text: string }) {
  const fraction = total > 0 ? Math.min(used / total, 1) : 0;
  return (
    <div className="meter">
      <dt title={title}>{label}</dt>
      <dd>
        {text}
        <span className="meter-bar" aria-hidden="true">
          <span style={{ width: `${Math.round(fraction * 100)}%` }} />
        </span>
      </dd>
    </div>
  );
}

/** React Flow pans to a focused node only when the node itself takes focus; the card is inside it, so it asks here. */
function usePanIntoView(x: number, y: number, width: number, height: number): () => void {
  const store = useStoreApi();
  const { setCenter } = useReactFlow();
  return () => {
    const { transform, width: viewW, height: viewH } = store.getState();
    const [tx, ty, zoom] = transform;
    const left = x * zoom + tx;
    const top = y * zoom + ty;
    if (left >= 0 && top >= 0 && left + width * zoom <= viewW && top + height * zoom <= viewH) return;
    void setCenter(x + width / 2, y + height / 2, { zoom });
  };
}
