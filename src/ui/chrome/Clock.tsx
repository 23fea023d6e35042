import { useSim } from '../store';
import { formatSimTime } from '../format';

export function Clock() {
  const nowMs = useSim((s) => s.clock.nowMs);
  return (
    <div className="clock" role="timer" aria-label="Simulated time">
      t = {formatSimTime(nowMs)}
    </div>
  );
}
