import { describe, expect, it } from 'vitest';
import { SeekThrottle } from './seek-throttle';

function setup() {
  const sent: number[] = [];
  const frames: (() => void)[] = [];
  const throttle = new SeekThrottle(
    (ms) => sent.push(ms),
    (callback) => frames.push(callback),
  );
  const tick = () => frames.splice(0).forEach((f) => f());
  return { sent, frames, throttle, tick };
}

describe('SeekThrottle', () => {
  it('sends at most one seek per frame, the newest asked for', () => {
    const { sent, frames, throttle, tick } = setup();
    throttle.request(1000);
    throttle.request(2000);
    throttle.request(3000);
    expect(sent).toEqual([]);
    expect(frames).toHaveLength(1);
    tick();
    expect(sent).toEqual([3000]);
    throttle.request(4000);
    tick();
    expect(sent).toEqual([3000, 4000]);
  });

  it('does not resend the instant it just sent (a pointer that did not move)', () => {
    const { sent, throttle, tick } = setup();
    throttle.request(1000);
    tick();
    throttle.request(1000);
    tick();
    expect(sent).toEqual([1000]);
    throttle.forget();
    throttle.request(1000);
    tick();
    expect(sent).toEqual([1000, 1000]);
  });

  it('flush sends now, and the frame after sends nothing more', () => {
    const { sent, throttle, tick } = setup();
    throttle.request(5000);
    throttle.flush();
    expect(sent).toEqual([5000]);
    tick();
    expect(sent).toEqual([5000]);
  });
});
