/**
 * kubectl's flag parsing (spf13/pflag as cobra drives it): `--flag=v`,
 * `--flag v`, `-n v`, `-nv`, grouped boolean shorthands, `--` ending the
 * flags, and pflag's own error wording:
 *   error: unknown flag: --foo
 *   error: unknown shorthand flag: 'x' in -x
 *   error: flag needs an argument: --namespace
 *   error: invalid argument "x" for "--replicas" flag: strconv.ParseInt: parsing "x": invalid syntax
 * kubectl adds "See 'kubectl <verb> --help' for usage." under a flag error.
 */
export type FlagType = 'bool' | 'string' | 'int' | 'strings';

export interface FlagSpec {
  name: string;
  short?: string;
  type: FlagType;
}

export interface ParsedArgs {
  positional: string[];
  /** After `--` (exec's command). */
  rest: string[];
  flags: Map<string, string | boolean | number | string[]>;
}

export class UsageError extends Error {}

export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string' },
  { name: 'help', short: 'h', type: 'bool' },
];

export function parseArgs(words: readonly string[], specs: readonly FlagSpec[]): ParsedArgs {
  const all = [...GLOBAL_FLAGS, ...specs];
  const byName = new Map(all.map((s) => [s.name, s]));
  const byShort = new Map(all.filter((s) => s.short).map((s) => [s.short!, s]));
  const out: ParsedArgs = { positional: [], rest: [], flags: new Map() };
  const set = (spec: FlagSpec, raw: string | true, shown: string) => {
    if (spec.type === 'bool') {
      if (raw === true || raw === 'true') out.flags.set(spec.name, true);
      else if (raw === 'false') out.flags.set(spec.name, false);
      else throw new UsageError(`invalid argument "${raw}" for "${shown}" flag: strconv.ParseBool: parsing "${raw}": invalid syntax`);
    } else if (spec.type === 'int') {
      if (raw === true || !/^-?\d+$/.test(raw)) throw new UsageError(`invalid argument "${String(raw)}" for "${shown}" flag: strconv.ParseInt: parsing "${String(raw)}": invalid syntax`);
      out.flags.set(spec.name, Number(raw));
    } else if (spec.type === 'strings') {
      const prev = (out.flags.get(spec.name) as string[] | undefined) ?? [];
      out.flags.set(spec.name, [...prev, ...String(raw).split(',')]);
    } else out.flags.set(spec.name, String(raw));
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === '--') {
      out.rest = words.slice(i + 1);
      break;
    }
    if (w.startsWith('--')) {
      const eq = w.indexOf('=');
      const name = eq < 0 ? w.slice(2) : w.slice(2, eq);
      const spec = byName.get(name);
      if (!spec) throw new UsageError(`unknown flag: --${name}`);
      if (eq >= 0) set(spec, w.slice(eq + 1), `--${name}`);
      else if (spec.type === 'bool') set(spec, true, `--${name}`);
      else {
        if (i + 1 >= words.length) throw new UsageError(`flag needs an argument: --${name}`);
        set(spec, words[++i]!, `--${name}`);
      }
      continue;
    }
    if (w.startsWith('-') && w.length > 1) {
      for (let j = 1; j < w.length; j++) {
        const c = w[j]!;
        const spec = byShort.get(c);
        if (!spec) throw new UsageError(`unknown shorthand flag: '${c}' in ${w}`);
        const shown = `-${c}, --${spec.name}`;
        if (spec.type === 'bool') {
          if (w[j + 1] === '=') {
            set(spec, w.slice(j + 2), shown);
            break;
          }
          set(spec, true, shown);
          continue;
        }
        const inline = w.slice(j + 1).replace(/^=/, '');
        if (inline) set(spec, inline, shown);
        else {
          if (i + 1 >= words.length) throw new UsageError(`flag needs an argument: '${c}' in -${c}`);
          set(spec, words[++i]!, shown);
        }
        break;
      }
      continue;
    }
    out.positional.push(w);
  }
  return out;
}

export function str(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

export function bool(args: ParsedArgs, name: string): boolean {
  return args.flags.get(name) === true;
}

export function int(args: ParsedArgs, name: string): number | undefined {
  const v = args.flags.get(name);
  return typeof v === 'number' ? v : undefined;
}
