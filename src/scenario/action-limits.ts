/**
 * The size limits of src/kube/limits.ts applied to one action, whichever way
 * it arrives: a button on the page, a scenario file's `actions`, a kubectl
 * line from the console, the editor's apply, a link's or saved session's
 * recorded inputs. The worker's session checks every action here before it
 * records it, so all of them are refused the same way, with a message that
 * names the field, the value and the limit.
 */
import { overLimit, type SizeLimits } from '../kube/limits';
import type { Manifest } from '../sim/api/types';
import type { SimAction } from '../sim/actions';
import { tokenize } from '../sim/kubectl/tokenize';

/** What the action would grow: the cluster's node count now (an add-node past the limit is refused). */
export interface ActionContext {
  nodeCount: number;
}

/** The replica fields of each workload kind, as parse-limits.ts reads them in files. */
export const REPLICA_FIELDS: Readonly<Record<string, readonly string[]>> = {
  Deployment: ['replicas'],
  ReplicaSet: ['replicas'],
  StatefulSet: ['replicas'],
  ReplicationController: ['replicas'],
  Job: ['parallelism', 'completions'],
};

/** Why the action is over a limit ("replicas: 10,000,000 replicas is over the page's limit of 5,000 replicas"), or undefined. */
export function actionLimitProblem(action: SimAction, limits: SizeLimits, context: ActionContext): string | undefined {
  switch (action.do) {
    case 'scale':
      return replicasProblem('replicas', action.replicas, limits);
    case 'add-node':
      return nodesProblem(context.nodeCount + 1, limits);
    case 'apply':
      return manifestProblem(action.object, limits, context);
    case 'kubectl':
      return kubectlProblem(action.line, action.stdin, limits, context);
    default:
      return undefined;
  }
}

function replicasProblem(field: string, value: number, limits: SizeLimits): string | undefined {
  if (!Number.isFinite(value) || value <= limits.replicasPerWorkload) return undefined;
  return `${field}: ${overLimit('replicas', value, limits.replicasPerWorkload, limits)}`;
}

function nodesProblem(nodes: number, limits: SizeLimits): string | undefined {
  return nodes > limits.nodes ? `nodes: ${overLimit('nodes', nodes, limits.nodes, limits)}` : undefined;
}

/** A manifest's replica fields ("spec.replicas") and, for a Node, the node count it makes. */
export function manifestProblem(manifest: Manifest, limits: SizeLimits, context: ActionContext): string | undefined {
  if (manifest.kind === 'Node') return nodesProblem(context.nodeCount + 1, limits);
  const spec = (manifest as { spec?: Record<string, unknown> }).spec;
  for (const field of REPLICA_FIELDS[manifest.kind ?? ''] ?? []) {
    const value = spec?.[field];
    const problem = typeof value === 'number' ? replicasProblem(`spec.${field}`, value, limits) : undefined;
    if (problem) return problem;
  }
  return undefined;
}

/**
 * The counts a kubectl line asks for: `--replicas` (scale, create
 * deployment), a patch's spec, and the manifests `-f -` reads. Anything it
 * cannot read is left to kubectl, which says what is wrong.
 */
function kubectlProblem(line: string, stdin: string | undefined, limits: SizeLimits, context: ActionContext): string | undefined {
  const tokens = tokenize(line);
  if (!tokens.ok) return undefined;
  const words = tokens.words;
  for (let i = 0; i < words.length; i++) {
    const flag = flagValue(words, i, 'replicas');
    const replicas = flag === undefined ? undefined : Number(flag);
    if (replicas !== undefined && Number.isInteger(replicas)) {
      const problem = replicasProblem('--replicas', replicas, limits);
      if (problem) return problem;
    }
    const patch = flagValue(words, i, 'patch', 'p');
    if (patch !== undefined) {
      const problem = jsonProblem(patch, (value) => specProblem(value, limits));
      if (problem) return problem;
    }
  }
  if (stdin === undefined) return undefined;
  return jsonProblem(stdin, (value) => {
    const manifests = Array.isArray(value) ? value : [value];
    let nodes = context.nodeCount;
    for (const manifest of manifests) {
      if (!manifest || typeof manifest !== 'object') continue;
      const problem = manifestProblem(manifest as Manifest, limits, { nodeCount: nodes });
      if (problem) return problem;
      if ((manifest as Manifest).kind === 'Node') nodes++;
    }
    return undefined;
  });
}

/** `--name=value`, `--name value`, `-s value` at words[i]. */
function flagValue(words: readonly string[], i: number, name: string, short?: string): string | undefined {
  const word = words[i]!;
  if (word.startsWith(`--${name}=`)) return word.slice(name.length + 3);
  if (word === `--${name}` || (short !== undefined && word === `-${short}`)) return words[i + 1];
  if (short !== undefined && word.startsWith(`-${short}=`)) return word.slice(short.length + 2);
  return undefined;
}

function specProblem(patch: unknown, limits: SizeLimits): string | undefined {
  const spec = (patch as { spec?: Record<string, unknown> } | null)?.spec;
  if (!spec || typeof spec !== 'object') return undefined;
  for (const field of ['replicas', 'parallelism', 'completions']) {
    const value = spec[field];
    const problem = typeof value === 'number' ? replicasProblem(`spec.${field}`, value, limits) : undefined;
    if (problem) return problem;
  }
  return undefined;
}

function jsonProblem(text: string, check: (value: unknown) => string | undefined): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return check(value);
}
