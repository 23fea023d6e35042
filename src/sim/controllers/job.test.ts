import { describe, expect, it } from 'vitest';
import '../apiserver/workload-kinds';
import { setPodCondition } from '../api/conditions';
import type { Manifest, Pod } from '../api/types';
import { toTimestamp } from '../core/time';
import { ClusterTestWorld, setPodStatus } from './cluster-test-world';
import { JobController, type Job } from './job';
import { JOB_TRACKING_FINALIZER } from './job-util';

function job(spec: Record<string, unknown> = {}): Manifest {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'batch', namespace: 'default' },
    spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'work', image: 'busybox' }] } }, ...spec },
  };
}

function setup(nodeCount = 3) {
  let controller!: JobController;
  const nodes = Array.from({ length: nodeCount }, (_, i) => ({ name: `node-${i + 1}`, zone: 'a' }));
  const world = new ClusterTestWorld(nodes, (w) => [(controller = new JobController(w.ctx))]);
  return { world, controller: () => controller };
}

const theJob = (world: ClusterTestWorld) => world.api.get<Job>('Job', 'batch', 'default')!;
const pods = (world: ClusterTestWorld) => world.podsOf('batch-');
const active = (world: ClusterTestWorld) => pods(world).filter((p) => !p.metadata.deletionTimestamp && p.status.phase !== 'Succeeded' && p.status.phase !== 'Failed');
const conditionTypes = (world: ClusterTestWorld) => (theJob(world).status?.conditions ?? []).filter((c) => c.status === 'True').map((c) => c.type);

/** What the taint manager does: DisruptionTarget, then a graceful delete. */
function evict(world: ClusterTestWorld, name: string): void {
  world.api.update<Pod>('Pod', name, 'default', (d) =>
    void setPodCondition(d.status, { type: 'DisruptionTarget', status: 'True', reason: 'DeletionByTaintManager' }, toTimestamp(world.clock.nowMs)),
  );
  world.api.delete('Pod', name, 'default');
}

describe('Job controller', () => {
  it('keeps `parallelism` pods running until `completions` succeeded, then completes', () => {
    const { world } = setup();
    let maxActive = 0;
    world.api.watch('Pod', () => (maxActive = Math.max(maxActive, active(world).length)));
    world.at(1_000, () => world.api.create(job({ parallelism: 2, completions: 4 })));
    expect(active(world)).toHaveLength(2);
    const first = pods(world)[0]!;
    expect(first.metadata.generateName).toBe('batch-');
    expect(first.metadata.finalizers).toEqual([JOB_TRACKING_FINALIZER]);
    expect(first.metadata.labels).toMatchObject({ 'batch.kubernetes.io/job-name': 'batch', 'job-name': 'batch' });
    expect(first.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Job', name: 'batch', controller: true });
    world.runUntil(5_000);
    expect(theJob(world).status).toMatchObject({ active: 2, ready: 2, succeeded: 0, failed: 0, terminating: 0, startTime: toTimestamp(1_000) });

    for (const [i, at] of [10_000, 20_000, 30_000, 40_000].entries()) {
      world.at(at, () => setPodStatus(world, active(world)[0]!.metadata.name, 'Succeeded'));
      world.runUntil(at + 5_000);
      expect(theJob(world).status!.succeeded).toBe(i + 1);
    }
    expect(maxActive).toBe(2);
    expect(pods(world)).toHaveLength(4);
    expect(pods(world).every((p) => !p.metadata.finalizers?.length)).toBe(true);
    const status = theJob(world).status!;
    expect(conditionTypes(world)).toEqual(['SuccessCriteriaMet', 'Complete']);
    expect(status.conditions!.find((c) => c.type === 'Complete')).toMatchObject({ reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' });
    // The last pod succeeded at 40 s; the batched sync counted it 1 s later.
    expect(status).toMatchObject({ active: 0, succeeded: 4, failed: 0, completionTime: toTimestamp(41_000) });
    expect(world.events('Completed')).toEqual(['Job completed']);
    expect(world.events('SuccessfulCreate')).toHaveLength(4);
  });

  it('without completions, completes when one pod succeeded and none is left running', () => {
    const { world } = setup();
    world.at(1_000, () => world.api.create(job({ parallelism: 2 })));
    world.runUntil(5_000);
    const [a, b] = pods(world);
    world.at(10_000, () => setPodStatus(world, a!.metadata.name, 'Succeeded'));
    world.runUntil(20_000);
    expect(pods(world)).toHaveLength(2);
    expect(conditionTypes(world)).toEqual([]);
    world.at(30_000, () => setPodStatus(world, b!.metadata.name, 'Succeeded'));
    world.runUntil(35_000);
    expect(conditionTypes(world)).toEqual(['SuccessCriteriaMet', 'Complete']);
  });

  it('counts an evicted pod as failed and replaces it while it is still Terminating (TerminatingOrFailed)', () => {
    const { world } = setup(3);
    world.at(1_000, () => world.api.create(job()));
    world.runUntil(5_000);
    const original = pods(world)[0]!;
    let evictedAtMs = 0;
    world.api.watch<Pod>('Pod', (e) => {
      if (e.object.metadata.uid === original.metadata.uid && e.object.metadata.deletionTimestamp && !evictedAtMs) evictedAtMs = world.clock.nowMs;
    });
    world.at(10_000, () => world.kubelets.kill(original.spec.nodeName!));
    world.runUntil(600_000);
    expect(evictedAtMs).toBeGreaterThan(300_000);
    const old = world.pod(original.metadata.name)!;
    expect(old.metadata.deletionTimestamp).toBeDefined();
    const replacement = active(world)[0]!;
    expect(replacement.metadata.name).not.toBe(original.metadata.name);
    // Its finish time is when the node controller marked it NotReady, long past the 10 s backoff: replaced by the batched sync.
    expect(replacement.metadata.creationTimestamp).toBe(toTimestamp(evictedAtMs + 1_000));
    expect(theJob(world).status).toMatchObject({ failed: 1, terminating: 1, active: 1 });
    world.at(700_000, () => setPodStatus(world, replacement.metadata.name, 'Succeeded'));
    world.runUntil(800_000);
    // Still terminating on the dead node: the Job waits for it before declaring Complete.
    expect(conditionTypes(world)).toEqual(['SuccessCriteriaMet']);
    world.at(900_000, () => world.api.delete('Pod', original.metadata.name, 'default', { gracePeriodSeconds: 0 }));
    world.runUntil(905_000);
    expect(conditionTypes(world)).toEqual(['SuccessCriteriaMet', 'Complete']);
    expect(theJob(world).status).toMatchObject({ succeeded: 1, failed: 1 });
  });

  it('backs off pod creation after failures: 10 s, then 20 s, from the last failure', () => {
    const { world, controller } = setup();
    world.at(1_000, () => world.api.create(job({ backoffLimit: 5 })));
    world.runUntil(5_000);
    world.at(10_000, () => setPodStatus(world, active(world)[0]!.metadata.name, 'Failed'));
    world.runUntil(19_999);
    expect(active(world)).toHaveLength(0);
    expect(controller().podCreationBackoffUntilMs(theJob(world))).toBe(20_000);
    world.runUntil(20_000);
    expect(active(world)).toHaveLength(1);
    world.at(30_000, () => setPodStatus(world, active(world)[0]!.metadata.name, 'Failed'));
    world.runUntil(49_999);
    expect(active(world)).toHaveLength(0);
    world.runUntil(50_000);
    expect(active(world)).toHaveLength(1);
    expect(theJob(world).status!.failed).toBe(2);
  });

  it('fails the Job once more pods failed than backoffLimit allows', () => {
    const { world } = setup();
    world.at(1_000, () => world.api.create(job({ backoffLimit: 1 })));
    world.runUntil(5_000);
    world.at(10_000, () => setPodStatus(world, active(world)[0]!.metadata.name, 'Failed'));
    world.runUntil(25_000);
    world.at(30_000, () => setPodStatus(world, active(world)[0]!.metadata.name, 'Failed'));
    world.runUntil(100_000);
    expect(pods(world)).toHaveLength(2);
    expect(conditionTypes(world)).toEqual(['FailureTarget', 'Failed']);
    expect(theJob(world).status!.conditions!.find((c) => c.type === 'Failed')).toMatchObject({
      reason: 'BackoffLimitExceeded',
      message: 'Job has reached the specified backoff limit',
      lastTransitionTime: toTimestamp(31_000),
    });
    expect(theJob(world).status).toMatchObject({ failed: 2, active: 0 });
    expect(theJob(world).status!.completionTime).toBeUndefined();
    expect(world.events('BackoffLimitExceeded')).toEqual(['Job has reached the specified backoff limit']);
  });

  it('deletes the remaining pods of a failed Job and marks it Failed only once they are gone', () => {
    const { world } = setup();
    world.at(1_000, () => world.api.create(job({ parallelism: 2, completions: 2, backoffLimit: 0 })));
    world.runUntil(5_000);
    const [a, b] = pods(world);
    world.at(10_000, () => setPodStatus(world, a!.metadata.name, 'Failed'));
    world.runUntil(11_000);
    expect(world.pod(b!.metadata.name)!.metadata.deletionTimestamp).toBeDefined();
    expect(conditionTypes(world)).toEqual(['FailureTarget']);
    expect(theJob(world).status).toMatchObject({ failed: 2, active: 0, terminating: 1 });
    world.runUntil(60_000);
    // The kubelet removed b after its 30 s grace period (at 41 s); the next sync (42 s) ends the Job.
    expect(conditionTypes(world)).toEqual(['FailureTarget', 'Failed']);
    expect(theJob(world).status!.conditions!.find((c) => c.type === 'Failed')!.lastTransitionTime).toBe(toTimestamp(42_000));
  });

  it('does not count a disruption matched by a podFailurePolicy Ignore rule (and counts it without the rule)', () => {
    const ignoreDisruptions = { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] };
    for (const podFailurePolicy of [ignoreDisruptions, undefined]) {
      const { world } = setup();
      world.at(1_000, () => world.api.create(job({ backoffLimit: 0, ...(podFailurePolicy ? { podFailurePolicy } : {}) })));
      world.runUntil(5_000);
      // What PodGC does to a pod of a deleted node: Failed with DisruptionTarget, then gone.
      world.at(10_000, () => {
        const name = active(world)[0]!.metadata.name;
        world.api.update<Pod>('Pod', name, 'default', (d) => {
          d.status.phase = 'Failed';
          setPodCondition(d.status, { type: 'DisruptionTarget', status: 'True', reason: 'DeletionByPodGC' }, toTimestamp(10_000));
        });
        world.api.delete('Pod', name, 'default', { gracePeriodSeconds: 0 });
      });
      world.runUntil(60_000);
      if (podFailurePolicy) {
        expect(theJob(world).status).toMatchObject({ failed: 0, active: 1 });
        expect(conditionTypes(world)).toEqual([]);
        expect(active(world)).toHaveLength(1);
      } else {
        expect(theJob(world).status).toMatchObject({ failed: 1, active: 0 });
        expect(conditionTypes(world)).toEqual(['FailureTarget', 'Failed']);
      }
    }
  });

  it('with a podFailurePolicy (podReplacementPolicy Failed) a Terminating pod holds its place until it is gone', () => {
    const { world } = setup(3);
    const podFailurePolicy = { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] };
    world.at(1_000, () => world.api.create(job({ backoffLimit: 0, podFailurePolicy })));
    world.runUntil(5_000);
    expect(theJob(world).spec.podReplacementPolicy).toBe('Failed');
    const original = active(world)[0]!;
    world.at(10_000, () => evict(world, original.metadata.name));
    world.runUntil(20_000);
    // The kubelet is alive: the pod terminates for 30 s, no replacement meanwhile.
    expect(pods(world)).toHaveLength(1);
    expect(theJob(world).status).toMatchObject({ active: 0, terminating: 1, failed: 0 });
    world.runUntil(60_000);
    expect(world.pod(original.metadata.name)).toBeUndefined();
    expect(active(world)).toHaveLength(1);
    expect(theJob(world).status).toMatchObject({ active: 1, terminating: 0, failed: 0 });
    expect(conditionTypes(world)).toEqual([]);
  });

  it('fails the Job at once on a FailJob exit-code rule', () => {
    const { world } = setup();
    const podFailurePolicy = { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [42] } }] };
    world.at(1_000, () => world.api.create(job({ backoffLimit: 6, podFailurePolicy })));
    world.runUntil(5_000);
    const name = active(world)[0]!.metadata.name;
    world.at(10_000, () =>
      world.api.update<Pod>('Pod', name, 'default', (d) => {
        d.status.phase = 'Failed';
        d.status.containerStatuses = [{ name: 'work', image: 'busybox', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode: 42, finishedAt: toTimestamp(10_000) } } }];
      }),
    );
    world.runUntil(20_000);
    expect(conditionTypes(world)).toEqual(['FailureTarget', 'Failed']);
    expect(theJob(world).status!.conditions!.find((c) => c.type === 'Failed')).toMatchObject({
      reason: 'PodFailurePolicy',
      message: `Container work for pod default/${name} failed with exit code 42 matching FailJob rule at index 0`,
    });
    expect(world.events('PodFailurePolicy')).toHaveLength(1);
  });

  it('fails a Job that runs longer than activeDeadlineSeconds', () => {
    const { world } = setup();
    world.at(1_000, () => world.api.create(job({ activeDeadlineSeconds: 60 })));
    world.runUntil(60_999);
    expect(conditionTypes(world)).toEqual([]);
    world.runUntil(61_000);
    expect(conditionTypes(world)).toEqual(['FailureTarget']);
    expect(active(world)).toHaveLength(0);
    world.runUntil(100_000);
    expect(conditionTypes(world)).toEqual(['FailureTarget', 'Failed']);
    expect(world.events('DeadlineExceeded')).toEqual(['Job was active longer than specified deadline']);
  });

  it('runs no pods while suspended and starts them on resume', () => {
    const { world } = setup();
    world.at(1_000, () => world.api.create(job({ suspend: true, parallelism: 2, completions: 2 })));
    world.runUntil(10_000);
    expect(pods(world)).toHaveLength(0);
    expect(conditionTypes(world)).toEqual(['Suspended']);
    expect(theJob(world).status!.startTime).toBeUndefined();
    world.at(20_000, () => world.api.update<Job>('Job', 'batch', 'default', (d) => void (d.spec.suspend = false)));
    world.runUntil(21_000);
    expect(active(world)).toHaveLength(2);
    expect(theJob(world).status!.conditions!.find((c) => c.type === 'Suspended')).toMatchObject({ status: 'False', reason: 'JobResumed' });
    // The clock restarts on resume (our api.update keeps the generation, so the sync is the batched one at 21 s).
    expect(theJob(world).status!.startTime).toBe(active(world)[0]!.metadata.creationTimestamp);
    expect(world.events('Resumed')).toEqual(['Job resumed']);
  });

  it('snapshots plain data, holding a pod that vanished uncounted', () => {
    const { world, controller } = setup();
    world.at(1_000, () => world.api.create(job()));
    world.runUntil(5_000);
    world.at(10_000, () => world.api.delete('Pod', active(world)[0]!.metadata.name, 'default', { gracePeriodSeconds: 0 }));
    const state = controller().snapshot();
    expect(state.heldPods).toHaveLength(1);
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
    world.runUntil(30_000);
    expect(controller().snapshot().heldPods).toEqual([]);
    expect(theJob(world).status!.failed).toBe(1);
  });
});
