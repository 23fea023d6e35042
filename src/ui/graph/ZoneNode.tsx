/**
 * A zone as a group on the canvas. Only its header is drawn here; its node
 * cards are separate graph nodes placed inside it (parentId). The body is
 * transparent so the heartbeat lines show between the cards.
 */
import type { Node as FlowNode, NodeProps } from '@xyflow/react';
import { memo, useRef, useState } from 'react';
import type { Node } from '../../sim/api/types';
import { nodeReadyStatus, nodeZone } from '../kube';
import { useSim } from '../store';
import { ActionsMenu } from './ActionsMenu';
import { zoneAddStop, zoneMenuStop } from './focus-order';
import { addNodeTo, zoneMenuItems } from './node-actions';

export type ZoneNodeType = FlowNode<{ zone: string }, 'zone'>;

const STATE_TEXT: Readonly<Record<string, { glyph: string; tone: string; title: string }>> = {
  Initial: { glyph: '…', tone: 'muted', title: 'Initial: not assessed yet' },
  Normal: { glyph: '✓', tone: 'ok', title: 'Normal: evictions at the normal rate' },
  PartialDisruption: { glyph: '⚠', tone: 'warn', title: 'PartialDisruption: at least 55% of nodes not Ready; evictions slowed' },
  FullDisruption: { glyph: '✕', tone: 'bad', title: 'FullDisruption: no node Ready' },
};

export const ZoneNode = memo(function ZoneNode({ data }: NodeProps<ZoneNodeType>) {
  const zone = data.zone;
  const view = useSim((s) => s.zones.zones.find((z) => z.zone === zone));
  const partitioned = useSim((s) => s.zones.partitioned.has(zone));
  const readyText = useSim((s) => {
    const { ready, total } = readyByZone(s.cluster.nodes).get(zone) ?? { ready: 0, total: 0 };
    return `${ready} / ${total} Ready`;
  });
  const [menuOpen, setMenuOpen] = useState(false);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const title = zone || '(no zone)';
  const state = view?.state ?? 'Initial';
  const look = STATE_TEXT[state] ?? { glyph: '', tone: 'muted', title: state };
  return (
    <div className={`zone${partitioned ? ' zone-cut' : ''}`} role="group" aria-label={`Zone ${title}`}>
      <div className="zone-head">
        <div className="zone-title">
          <h3>{title}</h3>
          {view?.region && <span className="muted zone-region">{view.region}</span>}
          {zone && (
            <>
              <button
                type="button"
                className="small nopan nodrag"
                data-stop={zoneAddStop(zone)}
                aria-label={`Add a node to ${zone}`}
                title={`Add a node to ${zone}`}
                onClick={() => addNodeTo(zone)}
              >
                + Node
              </button>
              <ActionsMenu label={`Actions for ${zone}`} items={zoneMenuItems(zone, partitioned)} open={menuOpen} onOpenChange={setMenuOpen} triggerRef={triggerRef} stop={zoneMenuStop(zone)}>
                <span aria-hidden="true">⋯</span>
              </ActionsMenu>
            </>
          )}
        </div>
        <div className="zone-status">
          <span className={`badge badge-${look.tone}`} title={look.title}>
            <span aria-hidden="true">{look.glyph} </span>
            {state}
          </span>
          {partitioned && (
            <span className="badge badge-bad">
              <span aria-hidden="true">✂</span> cut off
            </span>
          )}
        </div>
        <p className="zone-facts">
          {readyText} · <span title="Nodes per second the zone's NoExecute tainting queue may process">evictions {view ? formatRate(view.evictionQps) : '—'}</span>
        </p>
      </div>
    </div>
  );
});

let countedFor: ReadonlyMap<string, Node> | null = null;
let counted = new Map<string, { ready: number; total: number }>();

/** Ready and total nodes per zone, counted once per version of the nodes Map. */
function readyByZone(nodes: ReadonlyMap<string, Node>): ReadonlyMap<string, { ready: number; total: number }> {
  if (nodes !== countedFor) {
    countedFor = nodes;
    counted = new Map();
    for (const node of nodes.values()) {
      const entry = counted.get(nodeZone(node)) ?? { ready: 0, total: 0 };
      entry.total++;
      if (nodeReadyStatus(node) === 'True') entry.ready++;
      counted.set(nodeZone(node), entry);
    }
  }
  return counted;
}

function formatRate(qps: number): string {
  return qps === 0 ? 'stopped' : `${qps} node${qps === 1 ? '' : 's'}/s`;
}
