/**
 * kubectl, as a client of the simulated API server: one command line in,
 * kubectl's stdout and stderr out. Read-only verbs read the store at the
 * instant shown; mutating ones are recorded as a `kubectl` SimAction by the
 * caller and run here at their instant (cluster-actions.ts), so they replay
 * and fork like any other input. Long-running commands (get -w, rollout
 * status, drain's progress) stream through watch.ts.
 */
import { ApiError } from '../apiserver/errors';
import { ActionError } from '../actions';
import type { Simulation } from '../simulation';
import { parseArgs, UsageError, type ParsedArgs } from './args';
import { KubectlError, type KubectlContext, type Verb } from './context';
import { DESCRIBE } from './describe';
import { GET } from './get';
import { MUTATING_VERBS, ROLLOUT_MUTATIONS, runRolloutMutation } from './mutate';
import { READ_VERBS, ROLLOUT_READ } from './reads';
import { tokenize } from './tokenize';

export interface KubectlOutput {
  stdout: string;
  stderr: string;
  /** kubectl's exit status: 0 ok, 1 an error. */
  exitCode: number;
}

const ROLLOUT: Verb = {
  name: 'rollout',
  mutating: false,
  flags: [
    { name: 'to-revision', type: 'int' },
    { name: 'watch', short: 'w', type: 'bool' },
    { name: 'timeout', type: 'string' },
    { name: 'revision', type: 'int' },
  ],
  run(ctx, args) {
    const sub = args.positional[0];
    if (!sub) throw new KubectlError(`kubectl rollout needs a subcommand: history, pause, restart, resume, status, undo\nSee 'kubectl rollout -h' for help and examples`);
    if (ROLLOUT_MUTATIONS.has(sub)) return runRolloutMutation(ctx, args);
    if (sub === 'status' || sub === 'history') return ROLLOUT_READ(ctx, args);
    throw new KubectlError(`unknown command "${sub}" for "kubectl rollout"`);
  },
};

export const VERBS: readonly Verb[] = [GET, DESCRIBE, ...MUTATING_VERBS, ROLLOUT, ...READ_VERBS];
const BY_NAME = new Map(VERBS.map((v) => [v.name, v]));

export type ParsedLine =
  | { ok: true; verb: Verb; args: ParsedArgs; mutating: boolean; streaming: boolean }
  | { ok: false; output: KubectlOutput };

const fail = (stderr: string): { ok: false; output: KubectlOutput } => ({ ok: false, output: { stdout: '', stderr, exitCode: 1 } });

/** Parses a line: kubectl's usage errors come back as output, nothing runs. */
export function parseKubectl(line: string): ParsedLine {
  const tokens = tokenize(line.trim());
  if (!tokens.ok) return fail(`error: ${tokens.error}`);
  let words = tokens.words;
  if (words.length === 0) return fail('');
  if (words[0] !== 'kubectl' && words[0] !== 'k') return fail(`${words[0]}: command not found (this console runs kubectl only)`);
  words = words.slice(1);
  const verbName = words.find((w) => !w.startsWith('-'));
  if (words.length === 0 || words[0] === 'help' || words[0] === '--help' || words[0] === '-h') return { ok: false, output: { stdout: usage(), stderr: '', exitCode: 0 } };
  // Global flags before the verb (kubectl -n ns get pods): moved after it.
  const verbAt = verbName === undefined ? -1 : words.indexOf(verbName);
  const verb = verbName === undefined ? undefined : BY_NAME.get(verbName);
  if (!verb) return fail(`error: unknown command "${verbName ?? words[0]!}" for "kubectl"`);
  const rest = [...words.slice(0, verbAt), ...words.slice(verbAt + 1)];
  let args: ParsedArgs;
  try {
    args = parseArgs(rest, verb.flags);
  } catch (error) {
    if (error instanceof UsageError) return fail(`error: ${error.message}\nSee 'kubectl ${verb.name} --help' for usage.`);
    throw error;
  }
  if (args.flags.get('help') === true) return { ok: false, output: { stdout: `Usage: kubectl ${verb.name} [options]\n(this console has no built-in help pages; see https://kubernetes.io/docs/reference/kubectl/)`, stderr: '', exitCode: 0 } };
  const sub = args.positional[0];
  const mutating = verb.mutating || (verb.name === 'rollout' && sub !== undefined && ROLLOUT_MUTATIONS.has(sub));
  const streaming =
    ((verb.name === 'get' || verb.name === 'events') && (args.flags.get('watch') === true || args.flags.get('watch-only') === true)) ||
    (verb.name === 'rollout' && sub === 'status' && args.flags.get('watch') !== false) ||
    verb.name === 'drain';
  return { ok: true, verb, args, mutating, streaming };
}

/** Runs a parsed line against the world as it is now. Never throws for the user's mistakes. */
export function runParsed(sim: Simulation, parsed: Extract<ParsedLine, { ok: true }>, stdin?: string): KubectlOutput {
  const ctx: KubectlContext = { sim, out: [], err: [], ...(stdin !== undefined ? { stdin } : {}) };
  let exitCode = 0;
  try {
    parsed.verb.run(ctx, parsed.args);
  } catch (error) {
    exitCode = 1;
    if (error instanceof KubectlError) ctx.err.push(error.raw ? error.message : `error: ${error.message}`);
    else if (error instanceof ApiError) ctx.err.push(serverError(error));
    else if (error instanceof ActionError) ctx.err.push(`error: ${error.message}`);
    else throw error;
  }
  if (ctx.err.some((e) => e.startsWith('Error from server') || e.startsWith('error:'))) exitCode = 1;
  return { stdout: ctx.out.join('\n'), stderr: ctx.err.join('\n'), exitCode };
}

/** `Error from server (NotFound): pods "x" not found` (Upstream: kubectl/pkg/cmd/util/helpers.go standardErrorMessage). */
export function serverError(error: ApiError): string {
  const reason = error.reason === 'ServiceUnavailable' ? 'ServiceUnavailable' : error.reason;
  return `Error from server (${reason}): ${error.message}`;
}

/** Parses and runs one line now (tests, the engine's `kubectl` action). */
export function runKubectl(sim: Simulation, line: string, stdin?: string): KubectlOutput {
  const parsed = parseKubectl(line);
  if (!parsed.ok) return parsed.output;
  return runParsed(sim, parsed, stdin);
}

function usage(): string {
  return [
    'kubectl controls the simulated Kubernetes cluster.',
    '',
    'Basic Commands:',
    '  create, apply -f -, get, describe, delete, explain, set image, label, annotate',
    'Deploy Commands:',
    '  rollout (status, history, undo, restart, pause, resume), scale',
    'Cluster Management Commands:',
    '  cordon, uncordon, drain, taint, top, cluster-info',
    'Troubleshooting and Debugging Commands:',
    '  events, logs, exec',
    'Other Commands:',
    '  api-resources, config view, version',
  ].join('\n');
}

export { tokenize };
