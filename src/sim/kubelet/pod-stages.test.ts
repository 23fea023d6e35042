/** The pod stage table: every timed stage has a way out, and the restart rule is upstream's. */
import { describe, expect, it } from 'vitest';
import { POD_TRANSITIONS, STAGE_DELAYS, nextTransition, restarts } from './pod-stages';
import type { LocalPod, PodStage } from './state';

const local = (stage: PodStage, restartPolicy: string, exitCode: number): LocalPod => ({
  uid: 'u',
  stage,
  restartCount: 0,
  crashLooping: false,
  podIP: '10.64.0.1',
  restartPolicy,
  runForMs: 30_000,
  exitCode,
});

describe('pod stages', () => {
  it('gives every stage that has a timer a transition out of it', () => {
    for (const [stage, delay] of Object.entries(STAGE_DELAYS) as [PodStage, unknown][]) {
      const timed = delay === 'given' || stage === 'starting' || stage === 'running' || stage === 'stopping';
      if (timed) expect(POD_TRANSITIONS.some((t) => t.from === stage), stage).toBe(true);
    }
  });

  it('restarts Always containers on any exit, OnFailure ones on a non-zero code, Never ones not at all', () => {
    expect([restarts(local('running', 'Always', 0)), restarts(local('running', 'OnFailure', 0)), restarts(local('running', 'OnFailure', 2)), restarts(local('running', 'Never', 1))]).toEqual([true, false, true, false]);
    expect(nextTransition(local('running', 'Never', 0))?.to).toBe('completed');
    expect(nextTransition(local('running', 'OnFailure', 1))?.to).toBe('starting');
  });
});
