/**
 * The one table of limits: how big a cluster, file or run may be, and the
 * range of every setting. Files (src/scenario), URL parameters, the settings
 * form and actions (a `scale` from the page) all check against it, and every
 * refusal names the field, the value and the limit.
 *
 * The page's sizes come from measurement (`npm run bench -- limits`, figures
 * in the README): as large as the worker simulates at 10× real time or
 * faster, through its own session (snapshot and diffs included), on the
 * 2-core development machine. They are limits of the playground, not of
 * Kubernetes. The command line has no page to draw, so its limits are
 * larger; they stop a file that would take minutes or gigabytes.
 */

export interface SizeLimits {
  /** Who sets this limit, for messages: "the page" or "the command line". */
  readonly holder: string;
  /** Bytes of a scenario file. */
  readonly fileBytes: number;
  /** Nodes, counting zones' node counts, explicit nodes, add-node actions and Node objects. */
  readonly nodes: number;
  /** Pods a file may ask for: bare Pods, workload replicas, DaemonSets × nodes. */
  readonly pods: number;
  /** spec.replicas (or parallelism, completions) of one workload, and a `scale` action's count. */
  readonly replicasPerWorkload: number;
  /** Entries of each of objects, actions and expect. */
  readonly entries: number;
  /** A scenario's duration and the time of any action or expectation (ms). */
  readonly durationMs: number;
  /** Zones of a URL-booted cluster (?zones=). */
  readonly zones: number;
}

const HOUR_MS = 3_600_000;

/** What a browser tab holds (the worker runs these at ≥ 10× real time). */
export const PAGE_LIMITS: SizeLimits = {
  holder: 'the page',
  fileBytes: 2 * 2 ** 20,
  nodes: 1_000,
  pods: 30_000,
  replicasPerWorkload: 5_000,
  entries: 5_000,
  durationMs: 24 * HOUR_MS,
  zones: 26,
};

/** `npm run scenario`: no page to draw, so larger, but still refused at once rather than hanging. */
export const CLI_LIMITS: SizeLimits = {
  holder: 'the command line',
  fileBytes: 32 * 2 ** 20,
  nodes: 10_000,
  pods: 300_000,
  replicasPerWorkload: 150_000,
  entries: 100_000,
  durationMs: 7 * 24 * HOUR_MS,
  zones: 26,
};

/** The most requests per second one Service can be given (set-traffic, the page's field, scenario files). */
export const MAX_RPS = 10_000;

/** Errors listed for one file; the rest are counted ("and 12 more"). */
export const MAX_LISTED_ERRORS = 20;
/** One error message at most this long; the rest is cut with "…". */
export const MAX_MESSAGE_CHARS = 300;

const grouped = (n: number) => n.toLocaleString('en-US');

/** `cluster.zones[0].nodes: 1,000,000 nodes is over the page's limit of 1,000 nodes`. */
export function overLimit(what: string, value: number, limit: number, limits: SizeLimits): string {
  return `${grouped(value)} ${what} is over ${possessive(limits.holder)} limit of ${grouped(limit)} ${what}`;
}

/** "12.4 MB": file sizes in messages. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 2 ** 20) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 2 ** 20).toFixed(1)} MB`;
}

function possessive(holder: string): string {
  return `${holder}'s`;
}

// ---- settings --------------------------------------------------------------

/** How a setting is measured in the engine: ms for durations, else a plain number. */
export type SettingKind = 'duration' | 'number';

export interface SettingRange {
  kind: SettingKind;
  /** Smallest allowed value (ms for durations); `minExclusive`: the value must be above it. */
  min: number;
  minExclusive?: boolean;
  /** 0 is also allowed below `min` ("0 = off"). */
  zeroAllowed?: boolean;
  max: number;
  integer?: boolean;
  /** Where the lower bound comes from, said in the message. */
  why: string;
  /** Where the upper bound comes from; by default it is the playground's. */
  maxWhy?: string;
}

const SECOND = 1_000;
const INT32_MAX = 2 ** 31 - 1;
const PAGE_FLOOR = 'a floor of the playground, where upstream sets none: below 1 s this loop alone would swamp the simulation';
const DURATION_CAP = 24 * HOUR_MS;

/**
 * Every setting a file or the settings form may set, by its upstream name
 * (KubeletConfiguration field, or the controller manager / API server flag
 * in camelCase). Upstream bounds cite their source.
 */
export const SETTING_RANGES: Readonly<Record<string, SettingRange>> = {
  nodeMonitorPeriod: { kind: 'duration', min: SECOND, max: DURATION_CAP, why: PAGE_FLOOR },
  nodeMonitorGracePeriod: { kind: 'duration', min: SECOND, max: DURATION_CAP, why: PAGE_FLOOR },
  nodeStartupGracePeriod: { kind: 'duration', min: SECOND, max: DURATION_CAP, why: PAGE_FLOOR },
  nodeEvictionRate: { kind: 'number', min: 0, max: 1_000, why: 'a rate cannot be negative' },
  secondaryNodeEvictionRate: { kind: 'number', min: 0, max: 1_000, why: 'a rate cannot be negative' },
  largeClusterSizeThreshold: { kind: 'number', min: 0, max: INT32_MAX, integer: true, why: 'a node count cannot be negative' },
  unhealthyZoneThreshold: { kind: 'number', min: 0, minExclusive: true, max: 1, why: 'a fraction of nodes', maxWhy: 'a fraction of nodes' },
  defaultNotReadyTolerationSeconds: { kind: 'number', min: 0, max: INT32_MAX, integer: true, why: 'seconds cannot be negative' },
  defaultUnreachableTolerationSeconds: { kind: 'number', min: 0, max: INT32_MAX, integer: true, why: 'seconds cannot be negative' },
  terminatedPodGCThreshold: { kind: 'number', min: 0, max: INT32_MAX, integer: true, why: 'a pod count cannot be negative' },
  nodeStatusUpdateFrequency: { kind: 'duration', min: SECOND, max: DURATION_CAP, why: `upstream requires more than 0; ${PAGE_FLOOR}` },
  nodeStatusReportFrequency: { kind: 'duration', min: SECOND, max: DURATION_CAP, why: `upstream requires more than 0; ${PAGE_FLOOR}` },
  // Upstream: pkg/kubelet/apis/config/validation ValidateKubeletConfiguration ("nodeLeaseDurationSeconds must be greater than 0").
  nodeLeaseDurationSeconds: { kind: 'number', min: 1, max: 86_400, integer: true, why: 'the kubelet requires more than 0 (KubeletConfiguration validation)' },
  leaseJitter: { kind: 'number', min: 0, max: 1, why: 'a fraction of the renew interval', maxWhy: 'a fraction of the renew interval' },
  // Upstream: same function, "shutdownGracePeriod %v must be either zero or otherwise >= 1 sec".
  shutdownGracePeriod: { kind: 'duration', min: SECOND, zeroAllowed: true, max: DURATION_CAP, why: 'the kubelet requires zero or at least 1 s (KubeletConfiguration validation)' },
  shutdownGracePeriodCriticalPods: { kind: 'duration', min: SECOND, zeroAllowed: true, max: DURATION_CAP, why: 'the kubelet requires zero or at least 1 s (KubeletConfiguration validation)' },
  // Upstream only refuses a negative maxPods; a node that accepts no pod is kept out, as it always was here.
  maxPods: { kind: 'number', min: 1, max: PAGE_LIMITS.pods, integer: true, why: 'a node must accept at least one pod' },
  podStartupLatency: { kind: 'duration', min: 0, max: HOUR_MS, why: 'a latency cannot be negative' },
};

function show(value: number, kind: SettingKind): string {
  return kind === 'duration' ? `${value / SECOND} s` : String(value);
}

/** Why `value` (ms for durations) is not allowed for `name`, or undefined when it is. */
export function settingProblem(name: string, value: number): string | undefined {
  const range = SETTING_RANGES[name];
  if (!range) return `unknown setting "${name}"`;
  if (!Number.isFinite(value)) return `${name} must be a number`;
  if (range.integer && !Number.isInteger(value)) return `${name} must be a whole number, got ${value}`;
  if (range.zeroAllowed && value === 0) return undefined;
  const low = range.minExclusive ? value <= range.min : value < range.min;
  if (low) {
    const bound = `${range.minExclusive ? 'more than' : 'at least'} ${show(range.min, range.kind)}`;
    return `${name} ${show(value, range.kind)} is too small: it must be ${range.zeroAllowed ? `0 or ${bound}` : bound} (${range.why})`;
  }
  if (value > range.max) {
    return `${name} ${show(value, range.kind)} is too large: it must be at most ${show(range.max, range.kind)} (${range.maxWhy ?? 'a limit of the playground'})`;
  }
  return undefined;
}
