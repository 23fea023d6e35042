/**
 * "Expect this" in the inspector: the selected node's, pod's or zone's state
 * at the instant shown becomes expectations of the exported run, so a
 * teacher builds an exercise by playing it.
 */
import type { Selection } from '../page-state';
import { explainTargetOf } from '../page-state';
import { sendCommand } from '../sim-client';
import { useShare } from './share-store';

export function ExpectThis({ selection }: { selection: Selection }) {
  const added = useShare((s) => s.addedExpectations.length);
  return (
    <p className="expect-this">
      <button type="button" onClick={() => sendCommand({ type: 'expect-this', target: explainTargetOf(selection) })}>
        Expect this
      </button>{' '}
      <span className="muted">
        {added === 0 ? 'adds its state now to the exported run' : `${added} expectation${added === 1 ? '' : 's'} added to the exported run`}
      </span>
    </p>
  );
}
