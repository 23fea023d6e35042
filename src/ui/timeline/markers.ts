/**
 * Timeline markers: what each kind looks like (a shape and a letter, never
 * colour alone), how to step between them, and how markers too close to
 * tell apart at the current width are drawn as one.
 */
import type { TimelineMarker, TimelineMarkerKind } from '../../protocol/messages';

export interface MarkerKindView {
  /** Shown inside the marker's shape. */
  letter: string;
  /** The kind in words, for the label. */
  name: string;
  /** The kind in a word, for the key beside the strip. */
  short: string;
  /** A CSS modifier: the shape and colour. */
  className: string;
}

export const MARKER_KINDS: Record<TimelineMarkerKind, MarkerKindView> = {
  action: { letter: 'U', name: 'Your action', short: 'you', className: 'tl-marker--action' },
  NodeNotReady: { letter: 'N', name: 'Node not ready', short: 'NotReady', className: 'tl-marker--notready' },
  TaintAdded: { letter: 'T', name: 'Taint added', short: 'taint', className: 'tl-marker--taint' },
  TaintManagerEviction: { letter: 'E', name: 'Eviction', short: 'eviction', className: 'tl-marker--eviction' },
  FailedScheduling: { letter: 'S', name: 'Failed scheduling', short: 'unschedulable', className: 'tl-marker--failed' },
  ZoneState: { letter: 'Z', name: 'Zone state', short: 'zone', className: 'tl-marker--zone' },
};

/** Which kind a group of markers shows when it holds several: the user's own actions first, then the most telling. */
const KIND_RANK: readonly TimelineMarkerKind[] = ['action', 'NodeNotReady', 'ZoneState', 'TaintManagerEviction', 'TaintAdded', 'FailedScheduling'];

/** The latest marker instant strictly before `ms`; null when there is none. Markers are oldest first. */
export function previousMarkerMs(markers: readonly TimelineMarker[], ms: number): number | null {
  let lo = 0;
  let hi = markers.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (markers[mid]!.atMs < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? markers[lo - 1]!.atMs : null;
}

/** The earliest marker instant strictly after `ms`; null when there is none. */
export function nextMarkerMs(markers: readonly TimelineMarker[], ms: number): number | null {
  let lo = 0;
  let hi = markers.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (markers[mid]!.atMs <= ms) lo = mid + 1;
    else hi = mid;
  }
  return lo < markers.length ? markers[lo]!.atMs : null;
}

/** Markers drawn as one: they sit within a few pixels of each other. */
export interface MarkerGroup {
  /** The first marker's instant: where the group is drawn and where it seeks to. */
  atMs: number;
  kind: TimelineMarkerKind;
  markers: TimelineMarker[];
}

/**
 * Groups markers that would overlap: each group spans less than `gapMs`
 * (the time `minGapPx` pixels stand for at the current width).
 */
export function groupMarkers(markers: readonly TimelineMarker[], gapMs: number): MarkerGroup[] {
  const groups: MarkerGroup[] = [];
  let current: MarkerGroup | null = null;
  for (const marker of markers) {
    if (current && marker.atMs - current.atMs < gapMs) {
      current.markers.push(marker);
      if (KIND_RANK.indexOf(marker.kind) < KIND_RANK.indexOf(current.kind)) current.kind = marker.kind;
    } else {
      current = { atMs: marker.atMs, kind: marker.kind, markers: [marker] };
      groups.push(current);
    }
  }
  return groups;
}

/** One line per marker: "Eviction: web-7d4-x2 evicted". */
export function markerLine(marker: TimelineMarker): string {
  return `${MARKER_KINDS[marker.kind].name}: ${marker.label}`;
}
