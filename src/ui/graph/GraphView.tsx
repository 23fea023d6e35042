/**
 * The cluster as a live graph. React Flow draws only the big pieces (control
 * plane, pending area, zones, node cards, heartbeat lines), built from the
 * layout, which depends on the cluster's shape alone: frames that change
 * state never rebuild them. Each piece subscribes to its own slice of the
 * store.
 *
 * The canvas is as tall as the layout at the zoom that fits its width (at
 * most 1:1), and the page scrolls, so the default cluster reads at full size.
 */
import { applyNodeChanges, Controls, ReactFlow, ReactFlowProvider, useReactFlow, type Node, type NodeChange } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import './graph.css';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useSim } from '../store';
import { flowEdges, flowNodes } from './flow-elements';
import { edgeTypes, nodeTypes } from './flow-types';
import { layoutGraph, type GraphLayout } from './layout';
import { DialogHost } from './NodeDialogs';
import { useOverview } from './overview';
import { decodePlacement, selectPlacementKeys } from './selectors';

/** React Flow's defaults describe selecting and deleting nodes, which this graph does not offer. */
const ARIA_LABELS = {
  'node.a11yDescription.default': 'Tab moves between node cards; Enter opens a card’s actions.',
  'node.a11yDescription.keyboardDisabled': 'Tab moves between node cards; Enter opens a card’s actions.',
  'edge.a11yDescription.default': 'A node’s heartbeat to the API server.',
  'controls.ariaLabel': 'Graph zoom',
};

const PAD = 16;
const MIN_ZOOM = 0.05;
/** Past this height the canvas zooms out rather than grow (big clusters). */
const MAX_HEIGHT = 1400;

export function GraphView() {
  return (
    <ReactFlowProvider>
      <DialogHost>
        <GraphCanvas />
      </DialogHost>
    </ReactFlowProvider>
  );
}

interface Fit {
  x: number;
  y: number;
  zoom: number;
  height: number;
}

/** The viewport that shows the whole layout across `width`, never enlarged. */
export function fitLayout(layout: GraphLayout, width: number): Fit {
  let zoom = Math.max(MIN_ZOOM, Math.min(1, (width - 2 * PAD) / layout.width));
  if (layout.height * zoom + 2 * PAD > MAX_HEIGHT) zoom = Math.max(MIN_ZOOM, (MAX_HEIGHT - 2 * PAD) / layout.height);
  return { zoom, x: Math.round((width - layout.width * zoom) / 2), y: PAD, height: Math.ceil(layout.height * zoom + 2 * PAD) };
}

/** Nodes from the layout, with React Flow's measurements applied on top until the layout changes. */
function useFlowNodes(layout: GraphLayout): [Node[], (changes: NodeChange[]) => void] {
  const fromLayout = useMemo(() => flowNodes(layout), [layout]);
  const [state, setState] = useState({ source: fromLayout, nodes: fromLayout });
  let nodes = state.nodes;
  if (state.source !== fromLayout) {
    nodes = fromLayout;
    setState({ source: fromLayout, nodes });
  }
  const onNodesChange = useCallback((changes: NodeChange[]) => setState((s) => ({ ...s, nodes: applyNodeChanges(changes, s.nodes) })), []);
  return [nodes, onNodesChange];
}

function GraphCanvas() {
  const placements = useSim(useShallow(selectPlacementKeys));
  const layout = useMemo(() => layoutGraph(placements.map(decodePlacement)), [placements]);
  const [nodes, onNodesChange] = useFlowNodes(layout);
  const edges = useMemo(() => flowEdges(layout), [layout]);
  const speed = useSim((s) => s.playback.speed);
  const overview = useOverview();

  const wrapRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = wrapRef.current;
    if (!el) return;
    const observer = new ResizeObserver((entries) => setWidth(Math.round(entries[0]?.contentRect.width ?? 0)));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const fit = fitLayout(layout, width || 1200);
  const { setViewport } = useReactFlow();
  const refit = useCallback(() => void setViewport({ x: fit.x, y: fit.y, zoom: fit.zoom }), [setViewport, fit.x, fit.y, fit.zoom]);
  useEffect(() => {
    if (width > 0) refit();
  }, [width, refit]);

  // Lease renewals come every 10 simulated seconds: the pulse must end before the next one starts.
  const pulseMs = Math.round(Math.min(700, Math.max(120, 8_000 / speed)));
  return (
    <section className="graph-panel" aria-label="Cluster graph">
      <div ref={wrapRef} className={overview ? 'graph-wrap graph-overview' : 'graph-wrap'} style={{ height: fit.height, ['--pulse-ms' as string]: `${pulseMs}ms` }}>
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChange}
          defaultViewport={{ x: fit.x, y: fit.y, zoom: fit.zoom }}
          minZoom={MIN_ZOOM}
          maxZoom={2}
          onlyRenderVisibleElements
          nodesDraggable={false}
          nodesConnectable={false}
          nodesFocusable={false}
          edgesFocusable={false}
          elementsSelectable={false}
          zoomOnScroll={false}
          zoomOnDoubleClick={false}
          preventScrolling={false}
          deleteKeyCode={null}
          selectionKeyCode={null}
          multiSelectionKeyCode={null}
          panActivationKeyCode={null}
          zoomActivationKeyCode={null}
          ariaLabelConfig={ARIA_LABELS}
        >
          <Controls showInteractive={false} onFitView={refit} position="top-right" />
        </ReactFlow>
      </div>
    </section>
  );
}
