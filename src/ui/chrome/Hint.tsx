import { useMemo } from 'react';
import { useLastAsked } from '../actions';
import { controllerOf } from '../workloads';
import { useSim, type SimState } from '../store';
import type { SimAction } from '../../protocol/messages';
import { FIRST_HINT, hintFor, podsByController, SCENARIO_HINT, type HintContext } from './hints';

/** The node an action is about, if any. */
function nodeOf(action: SimAction): string | undefined {
  if ('node' in action) return typeof action.node === 'string' ? action.node : action.node.name;
  return undefined;
}

/** What the hints need to know, read once when the action was asked for (the pods then on its node). */
function contextAt(state: SimState, action: SimAction): HintContext {
  const node = nodeOf(action);
  const keys = node ? [...(state.cluster.podsByNode.get(node) ?? [])].sort() : [];
  const pods = keys.flatMap((key) => {
    const pod = state.cluster.pods.get(key);
    return pod ? [{ name: pod.metadata.name, controllerKind: controllerOf(pod)?.kind }] : [];
  });
  const settings = state.config.settings?.current;
  return {
    pods: podsByController(pods),
    graceMs: settings?.nodeMonitorGracePeriodMs ?? 50_000,
    tolerationSeconds: settings?.defaultUnreachableTolerationSeconds ?? 300,
    shutdownGraceMs: settings?.kubelet.shutdownGracePeriodMs ?? 0,
  };
}

const LESSON_HINT = 'The lesson in the side panel says what to do; its steps wait for you.';

/** What the user just did and what it will lead to, or what to try first. */
export function Hint() {
  const scenario = useSim((s) => s.config.scenario !== null);
  const lesson = useSim((s) => s.lesson.info !== null);
  const result = useSim((s) => s.session.lastAction);
  const asked = useLastAsked();
  const text = useMemo(() => {
    // A boot clears the last result: the hint starts again with it.
    if (!result || !asked.action || result.error) return lesson ? LESSON_HINT : scenario ? SCENARIO_HINT : FIRST_HINT;
    return hintFor(asked.action, contextAt(useSim.getState(), asked.action));
    // The context is read when the action's answer comes, not on every frame.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [asked.seq, result?.seq, result?.error, scenario, lesson]);
  const following = !!result && !result.error && !!asked.action;
  return (
    <div className={result?.error ? 'guide guide-failed' : 'guide'}>
      <LastAction />
      <p className="hint">
        <span className="hint-label">{following ? 'What to watch:' : 'Hint:'}</span> {text}
      </p>
    </div>
  );
}

/** The outcome of the last action, as a polite status line (empty until the first one). */
function LastAction() {
  const lastAction = useSim((s) => s.session.lastAction);
  return (
    <p role="status" className={`last-action${lastAction?.error ? ' last-action-failed' : ''}`}>
      {lastAction &&
        (lastAction.error ? (
          <>
            <strong>Could not do it:</strong> {lastAction.description}: {lastAction.error}
          </>
        ) : (
          <>
            <span className="hint-label">Last action:</span> {lastAction.description}
          </>
        ))}
    </p>
  );
}
