/// <reference types="vite/client" />
/** The Examples menu: real-world manifests to start from (each applies cleanly: examples.test.ts). */
import deploymentPdbSpread from './deployment-pdb-spread.yaml?raw';
import statefulsetAntiAffinity from './statefulset-anti-affinity.yaml?raw';
import daemonset from './daemonset.yaml?raw';
import job from './job.yaml?raw';
import priorityClass from './priority-class.yaml?raw';

export interface EditorExample {
  id: string;
  label: string;
  text: string;
}

export const EDITOR_EXAMPLES: readonly EditorExample[] = [
  { id: 'deployment-pdb-spread', label: 'Deployment with a PDB and zone spread', text: deploymentPdbSpread },
  { id: 'statefulset-anti-affinity', label: 'StatefulSet with pod anti-affinity', text: statefulsetAntiAffinity },
  { id: 'daemonset', label: 'DaemonSet on every node', text: daemonset },
  { id: 'job', label: 'Job with parallel completions', text: job },
  { id: 'priority-class', label: 'PriorityClass and a high-priority Deployment', text: priorityClass },
];
