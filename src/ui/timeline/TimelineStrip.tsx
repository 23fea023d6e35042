import { useEffect, useRef, useState } from 'react';
import { formatSimTime } from '../format';
import { useSim } from '../store';
import { MarkerBar } from './MarkerBar';
import { setStripHover } from './strip-hover';
import { fractionOf, keyTarget, msAtPosition, sliderValueText, ticks } from './time-axis';
import { scrubTo, seek, seekBaseMs } from './timeline-actions';

/** The track's width, kept up to date, for the ticks and for grouping markers. */
function useWidth(ref: React.RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    setWidth(el.clientWidth);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

/**
 * The strip across the bottom: 0 … the latest simulated time, the shown
 * instant as a playhead, the markers above it. A slider: drag it (seeks
 * follow the pointer, one per frame) or use the keys.
 */
export function TimelineStrip() {
  const latestMs = useSim((s) => s.timeline.latestMs);
  const viewMs = useSim((s) => s.timeline.viewMs);
  const live = useSim((s) => s.timeline.live);
  const markers = useSim((s) => s.timeline.markers);
  const track = useRef<HTMLDivElement>(null);
  const width = useWidth(track);
  const [dragMs, setDragMs] = useState<number | null>(null);
  const [hoverMs, setHover] = useState<number | null>(null);
  const setHoverMs = (ms: number | null) => {
    setHover(ms);
    setStripHover(ms);
  };
  const shownMs = dragMs ?? viewMs;
  const dragging = dragMs !== null;

  const at = (event: React.PointerEvent) => {
    const rect = track.current!.getBoundingClientRect();
    return msAtPosition(event.clientX, rect.left, rect.width, latestMs);
  };
  const onPointerDown = (event: React.PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0 || latestMs <= 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    track.current!.focus();
    const ms = at(event);
    setDragMs(ms);
    seek(ms);
  };
  const onPointerMove = (event: React.PointerEvent) => {
    const ms = at(event);
    if (event.pointerType === 'mouse') setHoverMs(ms);
    if (!dragging) return;
    setDragMs(ms);
    scrubTo(ms);
  };
  const onPointerEnd = (event: React.PointerEvent) => {
    if (!dragging) return;
    seek(at(event));
    setDragMs(null);
  };
  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const target = keyTarget(event.key, event.shiftKey, seekBaseMs(), latestMs);
    if (target === null) return;
    event.preventDefault();
    seek(target);
  };

  const fraction = fractionOf(shownMs, latestMs);
  const tickList = ticks(latestMs, width);
  return (
    <div className="tl-strip">
      <MarkerBar markers={markers} latestMs={latestMs} widthPx={width} />
      <div className={`tl-scrub${dragging ? ' is-dragging' : ''}`} onPointerDown={onPointerDown} onPointerMove={onPointerMove} onPointerUp={onPointerEnd} onPointerCancel={onPointerEnd} onPointerLeave={() => setHoverMs(null)}>
        <div
          ref={track}
          className={`tl-track${live && !dragging ? ' is-live' : ' is-past'}`}
          role="slider"
          tabIndex={0}
          aria-label="Simulated time"
          aria-valuemin={0}
          aria-valuemax={latestMs}
          aria-valuenow={shownMs}
          aria-valuetext={sliderValueText(shownMs, live && !dragging)}
          aria-keyshortcuts="ArrowLeft ArrowRight Shift+ArrowLeft Shift+ArrowRight PageUp PageDown Home End [ ]"
          onKeyDown={onKeyDown}
        >
          <div className="tl-track-past" style={{ width: `${fraction * 100}%` }} />
          {(!live || dragging) && <div className="tl-track-future" style={{ left: `${fraction * 100}%` }} />}
          <div className="tl-playhead" style={{ left: `${fraction * 100}%` }} />
        </div>
        {hoverMs !== null && !dragging && (
          <div className="tl-hover" style={{ left: `${fractionOf(hoverMs, latestMs) * 100}%` }} aria-hidden="true">
            <span className="tl-hover-label">{formatSimTime(hoverMs)}</span>
          </div>
        )}
        <div className="tl-ticks" aria-hidden="true">
          {tickList.map((t) => (
            <span key={t} className="tl-tick" style={{ left: `${fractionOf(t, latestMs) * 100}%` }}>
              {formatSimTime(t)}
            </span>
          ))}
        </div>
      </div>
    </div>
  );
}
