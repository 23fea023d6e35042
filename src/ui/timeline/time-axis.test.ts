import { describe, expect, it } from 'vitest';
import { fractionOf, keyTarget, minuteLabel, msAtPosition, sliderValueText, tickStepMs, ticks } from './time-axis';

describe('msAtPosition (drag to time)', () => {
  it('maps the track linearly from 0 to the latest time', () => {
    expect(msAtPosition(100, 100, 400, 600_000)).toBe(0);
    expect(msAtPosition(300, 100, 400, 600_000)).toBe(300_000);
    expect(msAtPosition(500, 100, 400, 600_000)).toBe(600_000);
  });

  it('clamps a pointer dragged past either end', () => {
    expect(msAtPosition(-50, 100, 400, 600_000)).toBe(0);
    expect(msAtPosition(900, 100, 400, 600_000)).toBe(600_000);
  });

  it('is 0 before anything has run or on a track with no width', () => {
    expect(msAtPosition(300, 100, 400, 0)).toBe(0);
    expect(msAtPosition(300, 100, 0, 600_000)).toBe(0);
  });

  it('is the inverse of fractionOf', () => {
    for (const ms of [0, 1, 12_345, 372_000, 600_000]) expect(msAtPosition(100 + fractionOf(ms, 600_000) * 1000, 100, 1000, 600_000)).toBe(ms);
  });
});

describe('ticks', () => {
  it('picks round steps that leave room between labels', () => {
    expect(tickStepMs(600_000, 1000, 64)).toBe(60_000); // 10 min over 15 slots: every minute
    expect(tickStepMs(3_600_000, 1000, 64)).toBe(300_000); // an hour: every 5 minutes
    expect(tickStepMs(30_000, 1000, 64)).toBe(2_000);
    expect(ticks(600_000, 1000, 64)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((m) => m * 60_000));
  });
});

describe('slider keys', () => {
  it('step 1 s, 10 s with Shift, a minute with Page keys, to the ends with Home and End', () => {
    expect(keyTarget('ArrowLeft', false, 372_000, 600_000)).toBe(371_000);
    expect(keyTarget('ArrowRight', true, 372_000, 600_000)).toBe(382_000);
    expect(keyTarget('PageDown', false, 372_000, 600_000)).toBe(312_000);
    expect(keyTarget('Home', false, 372_000, 600_000)).toBe(0);
    expect(keyTarget('End', false, 372_000, 600_000)).toBe(600_000);
  });

  it('stay inside 0 … latest', () => {
    expect(keyTarget('ArrowLeft', true, 4_000, 600_000)).toBe(0);
    expect(keyTarget('PageUp', false, 590_000, 600_000)).toBe(600_000);
  });

  it('leave other keys alone', () => {
    expect(keyTarget('a', false, 0, 600_000)).toBeNull();
  });
});

describe('sliderValueText', () => {
  it('reads the instant the way the clock writes it, and says whether it is live', () => {
    expect(sliderValueText(372_400, false)).toBe('t = 6m12s, viewing the past');
    expect(sliderValueText(600_000, true)).toBe('t = 10m, live');
  });
});

describe('minuteLabel', () => {
  it('names a minute by its bounds', () => {
    expect(minuteLabel(0)).toBe('0s–1m');
    expect(minuteLabel(6)).toBe('6m–7m');
  });
});
