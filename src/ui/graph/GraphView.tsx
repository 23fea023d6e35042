/**
 * The cluster as a live graph. React Flow draws only the big pieces (control
 * plane, pending area, zones, node cards, heartbeat lines), built from the
 * layout, which depends on the cluster's shape alone: frames that change
 * state never rebuild them. Each piece subscribes to its own slice of the
 * store.
 *
 * The canvas fills its panel and opens showing the whole layout (at most
 * 1:1); the wheel and the zoom buttons zoom, a drag pans, "fit view" comes back.
 */
import { applyNodeChanges, Controls, ReactFlow, ReactFlowProvider, useReactFlow, useStoreApi, ViewportPortal, type Node, type NodeChange } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import './graph.css';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useNarrow } from '../chrome/use-narrow';
import { useSim } from '../store';
import { setFlightSurface } from './chip-flights';
import { flowEdges, flowNodes } from './flow-elements';
import { boxInView, focusStops, stepStop } from './focus-order';
import { edgeTypes, nodeTypes } from './flow-types';
import { layoutGraph, type GraphLayout } from './layout';
import { DialogHost } from './NodeDialogs';
import { NodeJump } from './NodeJump';
import { useOverview } from './overview';
import { decodePlacement, selectPlacementKeys } from './selectors';

/** React Flow's defaults describe selecting and deleting nodes, which this graph does not offer. */
const ARIA_LABELS = {
  'node.a11yDescription.default': 'Tab moves between node cards; Enter opens a card’s actions; i inspects; an arrow key enters its pods.',
  'node.a11yDescription.keyboardDisabled': 'Tab moves between node cards; Enter opens a card’s actions; i inspects; an arrow key enters its pods.',
  'edge.a11yDescription.default': 'A node’s heartbeat to the API server.',
  'controls.ariaLabel': 'Graph zoom',
};

const PAD = 16;
const MIN_ZOOM = 0.05;

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
}

/** The viewport that shows the whole layout in a `width` × `height` canvas, centred, never enlarged. */
export function fitLayout(layout: GraphLayout, width: number, height: number): Fit {
  const zoom = Math.max(MIN_ZOOM, Math.min(1, (width - 2 * PAD) / layout.width, (height - 2 * PAD) / layout.height));
  return { zoom, x: Math.round((width - layout.width * zoom) / 2), y: Math.max(PAD, Math.round((height - layout.height * zoom) / 2)) };
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
  // Stacked on a narrow screen the page scrolls: the wheel and a swipe over the graph must scroll it too.
  const stacked = useNarrow();

  const wrapRef = useRef<HTMLDivElement>(null);
  const [{ width, height }, setSize] = useState({ width: 0, height: 0 });
  useEffect(() => {
    const el = wrapRef.current;
    if (!el) return;
    const observer = new ResizeObserver((entries) => {
      const rect = entries[0]?.contentRect;
      if (rect) setSize({ width: Math.round(rect.width), height: Math.round(rect.height) });
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const fit = fitLayout(layout, width || 1200, height || 800);
  const { setViewport } = useReactFlow();
  const refit = useCallback(() => void setViewport({ x: fit.x, y: fit.y, zoom: fit.zoom }), [setViewport, fit.x, fit.y, fit.zoom]);
  useEffect(() => {
    if (width > 0 && height > 0) refit();
  }, [width, height, refit]);

  const focusStop = useFocusStops(layout, wrapRef);
  const nodeNames = useMemo(() => layout.cards.map((c) => c.node), [layout]);

  // Lease renewals come every 10 simulated seconds: the pulse must end before the next one starts.
  const pulseMs = Math.round(Math.min(700, Math.max(120, 8_000 / speed)));
  return (
    <section className="graph-panel" id="graph" tabIndex={-1} aria-label="Cluster graph">
      <NodeJump names={nodeNames} onJump={(node) => focusStop.to(`card:${node}`)} />
      <div
        ref={wrapRef}
        className={overview ? 'graph-wrap graph-overview' : 'graph-wrap'}
        style={{ ['--pulse-ms' as string]: `${pulseMs}ms` }}
        onKeyDown={focusStop.onKeyDown}
      >
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
          zoomOnScroll={!stacked}
          zoomOnDoubleClick={false}
          preventScrolling={!stacked}
          deleteKeyCode={null}
          selectionKeyCode={null}
          multiSelectionKeyCode={null}
          panActivationKeyCode={null}
          zoomActivationKeyCode={null}
          ariaLabelConfig={ARIA_LABELS}
        >
          <Controls showInteractive={false} onFitView={refit} position="top-right" />
          <FlightLayer />
        </ReactFlow>
      </div>
    </section>
  );
}

/**
 * Tab through the graph in layout order (focus-order.ts), even to cards React
 * Flow has not drawn because they are out of view: the canvas pans to the
 * stop, waits for its element, and focuses it.
 */
function useFocusStops(layout: GraphLayout, wrapRef: RefObject<HTMLDivElement | null>) {
  const stops = useMemo(() => focusStops(layout), [layout]);
  const store = useStoreApi();
  const { setCenter } = useReactFlow();

  const to = useCallback(
    (id: string) => {
      const stop = stops.find((s) => s.id === id);
      const wrap = wrapRef.current;
      if (!stop || !wrap) return;
      const find = () => wrap.querySelector<HTMLElement>(`[data-stop="${CSS.escape(id)}"]`);
      const { transform, width, height } = store.getState();
      if (!boxInView(stop.box, transform, width, height)) {
        void setCenter(stop.box.x + stop.box.width / 2, stop.box.y + stop.box.height / 2, { zoom: transform[2] });
      }
      let frames = 0;
      // React Flow draws a node that came into view on its next render: wait a few frames for it.
      const tryFocus = () => {
        const el = find();
        if (el) el.focus();
        else if (++frames < 30) requestAnimationFrame(tryFocus);
      };
      tryFocus();
    },
    [stops, store, wrapRef, setCenter],
  );

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLDivElement>) => {
      if (event.key !== 'Tab' || event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
      const target = event.target as HTMLElement;
      const stopEl = target.closest<HTMLElement>('[data-stop]');
      const id = stopEl?.dataset.stop;
      if (!stopEl || !id) return;
      // Back from a pod chip or a card's menu button: to the card itself first.
      if (event.shiftKey && target !== stopEl) {
        event.preventDefault();
        stopEl.focus();
        return;
      }
      const next = stepStop(stops, id, event.shiftKey ? -1 : 1);
      if (!next) return;
      event.preventDefault();
      to(next.id);
    },
    [stops, to],
  );
  return { to, onKeyDown };
}

/** Where travelling pod chips are drawn: inside the viewport (canvas units), above every card. */
function FlightLayer() {
  const store = useStoreApi();
  const ref = useCallback(
    (layer: HTMLDivElement | null) => {
      if (!layer) return undefined;
      setFlightSurface({ layer, zoom: () => store.getState().transform[2] });
      return () => setFlightSurface(null);
    },
    [store],
  );
  return (
    <ViewportPortal>
      <div ref={ref} className="flight-layer" aria-hidden="true" />
    </ViewportPortal>
  );
}
