/**
 * A node's heartbeat to the API server: a line along which a pulse runs each
 * time the kubelet renews its lease (the animation restarts whenever
 * renewTime changes); dashed with ✂ when the node is cut off, grey when its
 * machine is off. The label says it in words.
 */
import { EdgeLabelRenderer, type Edge, type EdgeProps } from '@xyflow/react';
import { memo, useLayoutEffect, useMemo, useRef } from 'react';
import { useSim } from '../store';
import { useMachine, useRenewTime } from './graph-index';
import { heartbeatKeyframes, heartbeatPath, pulseDurationMs } from './heartbeat-path';
import { PowerIcon } from './Icons';
import { useOverview } from './overview';
import { linkState, type LinkState } from './selectors';

export type HeartbeatEdgeType = Edge<{ node: string; bendY: number }, 'heartbeat'>;

const LABEL: Readonly<Record<LinkState, string>> = {
  ok: 'lease renewals arriving',
  cut: 'cut off',
  off: 'no heartbeat',
  'shutting-down': 'shutting down',
  'no-kubelet': 'no kubelet',
};

const reducedMotion = typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;

export const HeartbeatEdge = memo(function HeartbeatEdge({ sourceX, sourceY, targetX, targetY, data }: EdgeProps<HeartbeatEdgeType>) {
  const node = data?.node ?? '';
  const bendY = data?.bendY ?? sourceY;
  const link = linkState(useMachine(node));
  // Zoomed out to the overview, a pulse would be a speck: the lines then show only their state.
  const overview = useOverview();
  const pulsing = (link === 'ok' || link === 'shutting-down') && !overview;
  const path = heartbeatPath(sourceX, sourceY, targetX, targetY, bendY);
  return (
    <>
      <path d={path} className={`hb-line hb-${link}`} />
      <EdgeLabelRenderer>
        {pulsing && <Pulse node={node} sourceX={sourceX} sourceY={sourceY} targetX={targetX} targetY={targetY} bendY={bendY} />}
        <div
          className={`hb-label hb-label-${link}`}
          role="group"
          aria-label={`Heartbeat ${node}`}
          // Said, not shown: the healthy state needs no words on screen (and hidden text would cost a clip per line).
          aria-description={link === 'ok' ? LABEL.ok : undefined}
          // A healthy line's label is for screen readers only: left unpositioned, it costs the compositor nothing.
          style={link === 'ok' ? undefined : { transform: `translate(-50%, -100%) translate(${sourceX}px, ${sourceY - 6}px)` }}
        >
          {link === 'cut' && <span aria-hidden="true">✂ </span>}
          {link === 'off' && <PowerIcon />}
          {link !== 'ok' && <span>{LABEL[link]}</span>}
        </div>
      </EdgeLabelRenderer>
    </>
  );
});

interface PulseProps {
  node: string;
  sourceX: number;
  sourceY: number;
  targetX: number;
  targetY: number;
  bendY: number;
}

/**
 * The dot that runs along the line on each lease renewal. Its own component,
 * so a renewal re-renders only this; and a transform animation, so the
 * compositor moves it: no layout, paint or script per frame. A renewal that
 * comes while the last pulse still runs (very high speeds) lets it finish.
 */
const Pulse = memo(function Pulse({ node, sourceX, sourceY, targetX, targetY, bendY }: PulseProps) {
  const renewTime = useRenewTime(node);
  const speed = useSim((s) => s.playback.speed);
  const keyframes = useMemo(() => {
    if (reducedMotion) {
      const at = `translate(${sourceX}px, ${sourceY}px)`;
      return [
        { transform: at, opacity: 1 },
        { transform: at, opacity: 0 },
      ];
    }
    const points = heartbeatKeyframes(sourceX, sourceY, targetX, targetY, bendY);
    return points.map((p, i) => ({ transform: `translate(${p.x}px, ${p.y}px)`, opacity: i === points.length - 1 ? 0 : 1, offset: p.offset }));
  }, [sourceX, sourceY, targetX, targetY, bendY]);
  const dotRef = useRef<HTMLDivElement>(null);
  const running = useRef<Animation | null>(null);
  useLayoutEffect(() => {
    const dot = dotRef.current;
    if (!dot || !renewTime || typeof dot.animate !== 'function') return;
    if (running.current?.playState === 'running') return;
    running.current = dot.animate(keyframes, { duration: pulseDurationMs(speed), easing: 'linear' });
  }, [renewTime, keyframes, speed]);
  useLayoutEffect(() => () => running.current?.cancel(), []);
  return <div ref={dotRef} className="hb-dot" aria-hidden="true" />;
});
