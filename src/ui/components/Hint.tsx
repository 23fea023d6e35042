import { useSim } from '../store';

/** One line of what to try: on the default cluster, the classic failure; with a scenario, how to run it. */
export function Hint() {
  const scenario = useSim((s) => s.config.scenario !== null);
  return (
    <p className="hint">
      {scenario
        ? 'Play or step time to run the scenario: each expectation below is checked at its time, ✓ or ✗.'
        : 'Try it: kill a node from its ··· menu. Ready turns Unknown, taints appear, and 5 minutes later its pods are replaced on other nodes.'}
    </p>
  );
}
