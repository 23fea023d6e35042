/**
 * The apps/v1 shapes the ReplicaSet and Deployment controllers read, narrowed
 * to what the store guarantees once admission has defaulted them
 * (src/sim/apiserver/workload-kinds.ts): replicas, selector, template and
 * minReadySeconds are always set; status starts empty.
 */
import type { DeploymentCondition, ReplicaSetCondition } from 'kubernetes-types/apps/v1';
import type { KubeObject, LabelSelector, StoredMeta } from '../api/types';
import type { PodTemplate } from './workload-utils';

export type { DeploymentCondition, ReplicaSetCondition, PodTemplate };

export interface ReplicaSet extends KubeObject {
  kind: 'ReplicaSet';
  apiVersion: 'apps/v1';
  metadata: StoredMeta & { namespace: string };
  spec: {
    replicas: number;
    minReadySeconds: number;
    selector: LabelSelector;
    template: PodTemplate;
  };
  status: {
    replicas?: number;
    fullyLabeledReplicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    observedGeneration?: number;
    conditions?: ReplicaSetCondition[];
  };
}

export interface RollingUpdateDeployment {
  maxSurge?: number | string;
  maxUnavailable?: number | string;
}

export interface Deployment extends KubeObject {
  kind: 'Deployment';
  apiVersion: 'apps/v1';
  metadata: StoredMeta & { namespace: string };
  spec: {
    replicas: number;
    minReadySeconds: number;
    revisionHistoryLimit?: number;
    progressDeadlineSeconds?: number;
    paused?: boolean;
    selector: LabelSelector;
    strategy: { type: 'RollingUpdate' | 'Recreate'; rollingUpdate?: RollingUpdateDeployment };
    template: PodTemplate;
  };
  status: {
    observedGeneration?: number;
    replicas?: number;
    updatedReplicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    unavailableReplicas?: number;
    collisionCount?: number;
    conditions?: DeploymentCondition[];
  };
}
