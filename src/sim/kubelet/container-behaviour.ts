/**
 * What a simulated container does, as data. Nothing is executed: a
 * container's behaviour says when its process exits (and with what code),
 * when it starts answering probes, when it stops answering (a hang), when it
 * reports itself unready, and how its memory grows until it reaches its
 * limit (an OOM kill). Probe results and exits come from this, never from a
 * timer that fakes an outcome.
 *
 * Two sources, both read from the pod:
 * - the `sleep N` convention: a container whose command line contains
 *   `sleep N` exits after N seconds, with the code of an `exit K` that
 *   follows (else 0) — the usual way example manifests write a batch job;
 * - the annotation `kube-playground.dev/behaviour` (on the pod, or on a
 *   workload's pod template): clauses separated by `;`, each for every
 *   container or, prefixed `name:`, for one. See BEHAVIOUR_SYNTAX.
 */
import { parseQuantity, quantityValue } from '../api/quantity';
import type { Container, Pod } from '../api/types';

export const BEHAVIOUR_ANNOTATION = 'kube-playground.dev/behaviour';

export const BEHAVIOUR_SYNTAX =
  'clauses separated by ";", each optionally prefixed by a container name and ":": ' +
  '"start D" (answers probes D after it starts), "crash after D [code K]" (exits, code 1 unless given), ' +
  '"hang after D" (stops answering probes), "unready after D [for D]" (readiness fails), ' +
  '"memory Q growing Q/s" (OOM-killed when it reaches its memory limit); D is a duration such as 30s, 2m, 1h';

export interface ContainerBehaviour {
  /** Time after the start before the container answers probes. */
  startMs: number;
  /** The process exits this long after it starts (null: runs until stopped). */
  exitAfterMs: number | null;
  exitCode: number;
  /** Stops answering probes this long after it starts (null: never). */
  hangAfterMs: number | null;
  /** Readiness fails from `afterMs` for `forMs` (null: from then on). */
  unready: { afterMs: number; forMs: number | null } | null;
  /** Memory in use at the start and its growth; the container is OOM-killed at its memory limit. */
  memory: { startBytes: number; growBytesPerSecond: number } | null;
}

/** How a run of a container ends, from its behaviour and its memory limit. */
export interface PlannedExit {
  afterMs: number;
  exitCode: number;
  reason: 'Completed' | 'Error' | 'OOMKilled';
}

const RUN_FOREVER: ContainerBehaviour = { startMs: 0, exitAfterMs: null, exitCode: 0, hangAfterMs: null, unready: null, memory: null };

const SLEEP = /\bsleep\s+(\d+(?:\.\d+)?)(s|m|h)?\b/;
const EXIT = /\bexit\s+(\d+)\b/;
const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000 };
const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/;
const DURATION_MS: Record<string, number> = { ms: 1, ...UNIT_MS };

/** The `sleep N; exit K` convention. */
function fromCommandLine(container: Container): Pick<ContainerBehaviour, 'exitAfterMs' | 'exitCode'> {
  const line = [...(container.command ?? []), ...(container.args ?? [])].join(' ');
  const sleep = SLEEP.exec(line);
  if (!sleep) return { exitAfterMs: null, exitCode: 0 };
  const exit = EXIT.exec(line.slice(sleep.index));
  return { exitAfterMs: Math.round(Number(sleep[1]) * UNIT_MS[sleep[2] ?? 's']!), exitCode: exit ? Number(exit[1]) : 0 };
}

/** Each container's behaviour; throws BehaviourError for an annotation that does not parse. */
export function podBehaviours(pod: Pick<Pod, 'metadata' | 'spec'>): Record<string, ContainerBehaviour> {
  const clauses = parseBehaviour(pod.metadata.annotations?.[BEHAVIOUR_ANNOTATION] ?? '');
  const out: Record<string, ContainerBehaviour> = {};
  for (const container of pod.spec.containers) {
    const behaviour: ContainerBehaviour = { ...RUN_FOREVER, ...fromCommandLine(container) };
    for (const clause of clauses) if (clause.container === undefined || clause.container === container.name) Object.assign(behaviour, clause.set);
    out[container.name] = behaviour;
  }
  return out;
}

export class BehaviourError extends Error {}

interface Clause {
  container?: string;
  set: Partial<ContainerBehaviour>;
}

/** Parses the annotation's value; throws BehaviourError naming the clause that is wrong. */
export function parseBehaviour(text: string): Clause[] {
  const clauses: Clause[] = [];
  for (const raw of text.split(';')) {
    const trimmed = raw.trim();
    if (trimmed === '') continue;
    const prefix = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)\s*:\s*(.*)$/.exec(trimmed);
    const body = prefix ? prefix[3]! : trimmed;
    const set = parseClause(body.split(/\s+/), trimmed);
    clauses.push(prefix ? { container: prefix[1]!, set } : { set });
  }
  return clauses;
}

function parseClause(words: string[], clause: string): Partial<ContainerBehaviour> {
  const fail = (why: string): never => {
    throw new BehaviourError(`${JSON.stringify(clause)}: ${why} (${BEHAVIOUR_SYNTAX})`);
  };
  const duration = (word: string | undefined): number => {
    const m = word === undefined ? null : DURATION.exec(word);
    return m ? Math.round(Number(m[1]) * DURATION_MS[m[2]!]!) : fail(`expected a duration such as 30s, found ${word === undefined ? 'nothing' : JSON.stringify(word)}`);
  };
  const expectWord = (index: number, word: string) => {
    if (words[index] !== word) fail(`expected "${word}"${words[index] === undefined ? '' : `, found ${JSON.stringify(words[index])}`}`);
  };
  const end = (index: number) => {
    if (words.length > index) fail(`unexpected ${JSON.stringify(words.slice(index).join(' '))}`);
  };
  switch (words[0]) {
    case 'start':
      end(2);
      return { startMs: duration(words[1]) };
    case 'crash': {
      expectWord(1, 'after');
      const afterMs = duration(words[2]);
      if (words[3] === undefined) return { exitAfterMs: afterMs, exitCode: 1 };
      expectWord(3, 'code');
      const code = Number(words[4]);
      if (!Number.isInteger(code) || code < 0 || code > 255) fail('the exit code is a whole number from 0 to 255');
      end(5);
      return { exitAfterMs: afterMs, exitCode: code };
    }
    case 'hang':
      expectWord(1, 'after');
      end(3);
      return { hangAfterMs: duration(words[2]) };
    case 'unready': {
      expectWord(1, 'after');
      const afterMs = duration(words[2]);
      if (words[3] === undefined) return { unready: { afterMs, forMs: null } };
      expectWord(3, 'for');
      end(5);
      return { unready: { afterMs, forMs: duration(words[4]) } };
    }
    case 'memory': {
      const start = parseQuantity(words[1] ?? '');
      expectWord(2, 'growing');
      const rate = /^(.+)\/s$/.exec(words[3] ?? '');
      const growth = rate ? parseQuantity(rate[1]!) : undefined;
      if (start === undefined || growth === undefined) fail('expected "memory <quantity> growing <quantity>/s", e.g. "memory 100Mi growing 5Mi/s"');
      end(4);
      return { memory: { startBytes: quantityValue(words[1]!), growBytesPerSecond: quantityValue(rate![1]!) } };
    }
    default:
      return fail(`unknown clause ${JSON.stringify(words[0] ?? '')}`);
  }
}

/** When this run ends: its own exit, or the OOM killer once memory reaches the limit. */
export function plannedExit(behaviour: ContainerBehaviour, memoryLimit: string | undefined): PlannedExit | null {
  const exit: PlannedExit | null =
    behaviour.exitAfterMs === null ? null : { afterMs: behaviour.exitAfterMs, exitCode: behaviour.exitCode, reason: behaviour.exitCode === 0 ? 'Completed' : 'Error' };
  const memory = behaviour.memory;
  if (!memory || memoryLimit === undefined) return exit;
  const headroom = quantityValue(memoryLimit) - memory.startBytes;
  if (headroom > 0 && memory.growBytesPerSecond <= 0) return exit;
  const oomAfterMs = headroom <= 0 ? 0 : Math.ceil((headroom / memory.growBytesPerSecond) * 1000);
  // Upstream: an OOM-killed container exits with 137 (SIGKILL) and reason OOMKilled.
  return exit && exit.afterMs <= oomAfterMs ? exit : { afterMs: oomAfterMs, exitCode: 137, reason: 'OOMKilled' };
}

/** What the container does `sinceStartMs` after it started, as a probe sees it. */
export type Answer = 'ok' | 'refused' | 'hung' | 'unready';

/** The first instant after `sinceStartMs` (from the start) at which answerAt can answer otherwise; null: never. */
export function nextAnswerChange(behaviour: ContainerBehaviour, sinceStartMs: number): number | null {
  const unready = behaviour.unready;
  const points = [behaviour.hangAfterMs, behaviour.startMs, unready?.afterMs, unready && unready.forMs !== null ? unready.afterMs + unready.forMs : null];
  let next: number | null = null;
  for (const point of points) if (point !== null && point !== undefined && point > sinceStartMs && (next === null || point < next)) next = point;
  return next;
}

export function answerAt(behaviour: ContainerBehaviour, sinceStartMs: number): Answer {
  if (behaviour.hangAfterMs !== null && sinceStartMs >= behaviour.hangAfterMs) return 'hung';
  if (sinceStartMs < behaviour.startMs) return 'refused';
  const unready = behaviour.unready;
  if (unready && sinceStartMs >= unready.afterMs && (unready.forMs === null || sinceStartMs < unready.afterMs + unready.forMs)) return 'unready';
  return 'ok';
}
