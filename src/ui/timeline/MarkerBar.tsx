import { memo, useMemo, useRef, useState } from 'react';
import type { TimelineMarker } from '../../protocol/messages';
import { formatSimTime } from '../format';
import { groupMarkers, MARKER_KINDS, markerLine, type MarkerGroup } from './markers';
import { fractionOf, formatMoment } from './time-axis';
import { seek } from './timeline-actions';

/** Markers closer than this many pixels are drawn as one. */
const MIN_GAP_PX = 16;
/** Lines a marker's label lists before "and N more". */
const MAX_LINES = 6;

/** Tip overhang past its marker towards the nearer edge, in pixels. */
const TIP_OVERHANG_PX = 24;

/**
 * Where a marker's label goes: from just before the marker towards the
 * middle of the strip, never past the strip's ends (a label is wider than
 * half a phone screen).
 */
function tipPlacement(x: number, widthPx: number): React.CSSProperties {
  if (x < widthPx / 2) {
    const overhang = Math.min(x, TIP_OVERHANG_PX);
    return { left: -overhang, maxWidth: widthPx - x + overhang };
  }
  const overhang = Math.min(widthPx - x, TIP_OVERHANG_PX);
  return { right: -overhang, maxWidth: x + overhang };
}

function groupLabel(group: MarkerGroup): string {
  const lines = group.markers.map(markerLine);
  return `${formatMoment(group.atMs)}: ${lines.join('; ')}`;
}

/**
 * The moments that matter, as buttons above the strip: one tab stop (arrow
 * keys move between markers), each labelled on hover and on focus, each
 * a shape and a letter as well as a colour. Pressing one shows its instant.
 */
export const MarkerBar = memo(function MarkerBar({ markers, latestMs, widthPx }: { markers: readonly TimelineMarker[]; latestMs: number; widthPx: number }) {
  const gapMs = widthPx > 0 ? (MIN_GAP_PX * latestMs) / widthPx : 0;
  const groups = useMemo(() => groupMarkers(markers, gapMs), [markers, gapMs]);
  const [active, setActive] = useState(0);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const current = Math.min(active, groups.length - 1);

  const move = (index: number) => {
    const next = Math.min(Math.max(index, 0), groups.length - 1);
    setActive(next);
    buttons.current[next]?.focus();
  };
  const onKeyDown = (event: React.KeyboardEvent) => {
    const index = { ArrowLeft: current - 1, ArrowRight: current + 1, Home: 0, End: groups.length - 1 }[event.key];
    if (index === undefined) return;
    event.preventDefault();
    move(index);
  };

  return (
    <div className="tl-markers" role="toolbar" aria-label="Markers: moments that matter" onKeyDown={onKeyDown}>
      {groups.map((group, i) => {
        const fraction = fractionOf(group.atMs, latestMs);
        const kind = MARKER_KINDS[group.kind];
        const tip = tipPlacement(fraction * widthPx, widthPx);
        return (
          <button
            key={`${group.atMs}-${i}`}
            type="button"
            ref={(el) => {
              buttons.current[i] = el;
            }}
            className="tl-marker"
            style={{ left: `${fraction * 100}%` }}
            tabIndex={i === current ? 0 : -1}
            aria-label={groupLabel(group)}
            onFocus={() => setActive(i)}
            onClick={() => seek(group.atMs)}
          >
            <span className={`tl-marker-glyph ${kind.className}`} aria-hidden="true">
              {kind.letter}
            </span>
            {group.markers.length > 1 && (
              <span className="tl-marker-count" aria-hidden="true">
                {group.markers.length}
              </span>
            )}
            <span className="tl-tip" style={tip} aria-hidden="true">
              <strong>t = {formatSimTime(group.atMs)}</strong>
              {group.markers.slice(0, MAX_LINES).map((marker, j) => (
                <span key={j} className="tl-tip-line">
                  <span className={`tl-tip-kind ${MARKER_KINDS[marker.kind].className}`}>{MARKER_KINDS[marker.kind].letter}</span>
                  {markerLine(marker)}
                  {marker.atMs !== group.atMs && <span className="muted"> (t = {formatSimTime(marker.atMs)})</span>}
                </span>
              ))}
              {group.markers.length > MAX_LINES && <span className="tl-tip-line muted">and {group.markers.length - MAX_LINES} more</span>}
            </span>
          </button>
        );
      })}
    </div>
  );
});
