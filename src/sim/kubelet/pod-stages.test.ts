/** The pod stage table: every timed stage has a way out; a pod completes only when every container is done. */
import { describe, expect, it } from 'vitest';
import { POD_TRANSITIONS, STAGE_DELAYS, nextTransition } from './pod-stages';
import type { LocalContainer, LocalPod, PodStage } from './state';

const container = (state: LocalContainer['state']): LocalContainer => ({
  name: 'c',
  image: 'app:1',
  log: { current: [], previous: null },
  behaviour: { startMs: 0, exitAfterMs: null, exitCode: 0, hangAfterMs: null, unready: null, memory: null },
  exit: null,
  hasStartupProbe: false,
  hasReadinessProbe: false,
  state,
  waitingReason: 'ContainerCreating',
  restartCount: 0,
  startedAtMs: 0,
  lastExit: null,
  backoffMs: 0,
  backoffUpdatedMs: null,
  started: true,
  ready: true,
  probes: {},
});
const local = (stage: PodStage, states: LocalContainer['state'][]): LocalPod => ({ uid: 'u', stage, podIP: '10.64.0.1', restartPolicy: 'Never', containers: states.map(container) });

describe('pod stages', () => {
  it('gives every stage that has a timer a transition out of it', () => {
    for (const [stage, delay] of Object.entries(STAGE_DELAYS) as [PodStage, unknown][]) {
      const timed = delay === 'given' || stage === 'starting' || stage === 'stopping';
      if (timed) expect(POD_TRANSITIONS.some((t) => t.from === stage), stage).toBe(true);
    }
  });

  it('completes a running pod only once every container has terminated', () => {
    expect(nextTransition(local('running', ['terminated', 'running']))).toBeUndefined();
    expect(nextTransition(local('running', ['terminated', 'terminated']))?.to).toBe('completed');
    expect(nextTransition(local('starting', ['waiting']))?.to).toBe('running');
  });
});
