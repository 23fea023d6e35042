import { describe, expect, it } from 'vitest';
import type { TimelineMarker } from '../../protocol/messages';
import { groupMarkers, markerLine, nextMarkerMs, previousMarkerMs } from './markers';

const m = (atMs: number, kind: TimelineMarker['kind'] = 'action', label = `at ${atMs}`): TimelineMarker => ({ atMs, kind, label });
const markers = [m(10_000), m(50_000, 'NodeNotReady'), m(50_000, 'ZoneState'), m(120_000, 'TaintAdded')];

describe('marker navigation', () => {
  it('finds the marker strictly before and after an instant', () => {
    expect(previousMarkerMs(markers, 50_000)).toBe(10_000);
    expect(previousMarkerMs(markers, 50_001)).toBe(50_000);
    expect(nextMarkerMs(markers, 50_000)).toBe(120_000);
    expect(nextMarkerMs(markers, 0)).toBe(10_000);
  });

  it('says there is none past either end', () => {
    expect(previousMarkerMs(markers, 10_000)).toBeNull();
    expect(nextMarkerMs(markers, 120_000)).toBeNull();
    expect(nextMarkerMs([], 0)).toBeNull();
  });
});

describe('groupMarkers', () => {
  it('draws markers closer than the gap as one, showing the most telling kind', () => {
    const groups = groupMarkers([m(48_000, 'TaintAdded'), ...markers.slice(1)], 5_000);
    expect(groups.map((g) => [g.atMs, g.kind, g.markers.length])).toEqual([
      [48_000, 'NodeNotReady', 3],
      [120_000, 'TaintAdded', 1],
    ]);
  });

  it('keeps markers apart that are at least the gap apart', () => {
    expect(groupMarkers(markers, 1).map((g) => g.markers.length)).toEqual([1, 2, 1]);
  });
});

describe('markerLine', () => {
  it('names the kind in words, not by colour', () => {
    expect(markerLine(m(1, 'TaintManagerEviction', 'default/web-1 evicted'))).toBe('Eviction: default/web-1 evicted');
  });
});
