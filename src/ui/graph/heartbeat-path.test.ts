import { describe, expect, it } from 'vitest';
import { heartbeatKeyframes, heartbeatPath, pulseDurationMs } from './heartbeat-path';

describe('heartbeat path', () => {
  it('rises straight to the bend, then curves into the target', () => {
    expect(heartbeatPath(100, 500, 300, 90, 170)).toBe('M 100,500 L 100,170 C 100,130 300,130 300,90');
  });

  it('samples keyframes along the curve, from the bend to the target, with increasing offsets', () => {
    const frames = heartbeatKeyframes(100, 500, 300, 90, 170);
    expect(frames[0]).toEqual({ x: 100, y: 170, offset: 0 });
    expect(frames.at(-1)).toMatchObject({ x: 300, y: 90, offset: 1 });
    for (let i = 1; i < frames.length; i++) expect(frames[i]!.offset).toBeGreaterThanOrEqual(frames[i - 1]!.offset);
  });

  it('keeps the pulse shorter than the renewal interval at any speed', () => {
    expect(pulseDurationMs(1)).toBe(700);
    expect(pulseDurationMs(60)).toBe(133);
    expect(pulseDurationMs(600)).toBe(120);
  });
});
