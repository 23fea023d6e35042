/**
 * Typed reads of plain YAML data with field paths: each read either returns
 * a value of the right type or records an error naming the path, and returns
 * undefined. Validation goes on after an error, so one run reports every
 * problem of a file.
 */
import { describeValue, parseDuration, parseQuantityValue, type Parsed } from './duration';
import { PAGE_LIMITS, type SizeLimits } from '../kube/limits';
import type { Path } from './yaml-source';

export type Fields = Record<string, unknown>;

export interface Problem {
  path: Path;
  message: string;
}

export class Reader {
  readonly problems: Problem[] = [];

  /** The sizes this file is held to (the page's, or the command line's larger ones). */
  constructor(readonly limits: SizeLimits = PAGE_LIMITS) {}

  error(path: Path, message: string): void {
    this.problems.push({ path, message });
  }

  /**
   * A mapping whose fields are all in `allowed` ('any': no check); each
   * other field is an error ("unknown field"). Required fields are checked
   * here too.
   */
  mapping(value: unknown, path: Path, allowed: readonly string[] | 'any', required: readonly string[] = []): Fields | undefined {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.error(path, `expected a mapping, found ${describeValue(value)}`);
      return undefined;
    }
    const fields = value as Fields;
    for (const key of Object.keys(fields)) {
      if (allowed !== 'any' && !allowed.includes(key)) this.error([...path, key], unknownField(key, allowed));
    }
    for (const key of required) {
      if (fields[key] === undefined) this.error(path, `missing required field "${key}"`);
    }
    return fields;
  }

  list(value: unknown, path: Path): unknown[] | undefined {
    if (!Array.isArray(value)) {
      this.error(path, `expected a list, found ${describeValue(value)}`);
      return undefined;
    }
    return value;
  }

  string(value: unknown, path: Path, options: { nonEmpty?: boolean } = {}): string | undefined {
    if (typeof value !== 'string') {
      this.error(path, `expected a string, found ${describeValue(value)}`);
      return undefined;
    }
    if (options.nonEmpty && value === '') {
      this.error(path, 'must not be empty');
      return undefined;
    }
    return value;
  }

  boolean(value: unknown, path: Path): boolean | undefined {
    if (typeof value !== 'boolean') {
      this.error(path, `expected true or false, found ${describeValue(value)}`);
      return undefined;
    }
    return value;
  }

  number(value: unknown, path: Path, range: { min?: number; max?: number; integer?: boolean } = {}): number | undefined {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.error(path, `expected ${range.integer ? 'a whole number' : 'a number'}, found ${describeValue(value)}`);
      return undefined;
    }
    if (range.integer && !Number.isInteger(value)) {
      this.error(path, `expected a whole number, found ${value}`);
      return undefined;
    }
    if (range.min !== undefined && value < range.min) {
      this.error(path, `must be at least ${range.min}, found ${value}`);
      return undefined;
    }
    if (range.max !== undefined && value > range.max) {
      this.error(path, `must be at most ${range.max}, found ${value}`);
      return undefined;
    }
    return value;
  }

  /** One of a fixed set of strings. */
  oneOf<T extends string>(value: unknown, path: Path, allowed: readonly T[]): T | undefined {
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    const list = allowed.map((a) => `"${a}"`).join(', ');
    this.error(path, `expected one of ${list}, found ${describeValue(value)}`);
    return undefined;
  }

  /** A duration in ms; `positive` rejects 0. */
  duration(value: unknown, path: Path, options: { positive?: boolean; max?: number } = {}): number | undefined {
    const ms = this.parsed(parseDuration(value), path);
    if (ms !== undefined && options.positive && ms === 0) {
      this.error(path, 'must be longer than 0');
      return undefined;
    }
    if (ms !== undefined && options.max !== undefined && ms > options.max) {
      this.error(path, `${ms / 1000} s is over ${this.limits.holder}'s limit of ${options.max / 3_600_000} h of simulated time`);
      return undefined;
    }
    return ms;
  }

  quantity(value: unknown, path: Path): number | undefined {
    return this.parsed(parseQuantityValue(value), path);
  }

  /** Runs `validate` (returning messages, as src/sim/api/names.ts does) and records its first problem. */
  check(value: string, path: Path, validate: (value: string) => string[]): boolean {
    const problems = validate(value);
    if (problems.length > 0) this.error(path, `invalid value ${quoted(value)}: ${problems[0]}`);
    return problems.length === 0;
  }

  private parsed<T>(result: Parsed<T>, path: Path): T | undefined {
    if (result.ok) return result.value;
    this.error(path, result.message);
    return undefined;
  }
}

/** A value as messages quote it: long ones cut, so the reason still shows. */
export function quoted(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 59)}…` : value);
}

function unknownField(key: string, allowed: readonly string[]): string {
  const near = allowed.filter((a) => editDistance(a.toLowerCase(), key.toLowerCase()) <= 2);
  const hint = near.length > 0 ? `did you mean "${near[0]}"?` : `expected one of: ${allowed.join(', ')}`;
  return `unknown field "${key}" (${hint})`;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost));
    }
    previous = current;
  }
  return previous[b.length]!;
}
