/** What a kubectl verb runs against, and how it reports. */
import type { Simulation } from '../simulation';
import type { ParsedArgs } from './args';

export interface KubectlContext {
  sim: Simulation;
  /** `-f -`: the manifests given alongside the line, as JSON text (an array of objects, or one object). */
  stdin?: string;
  out: string[];
  err: string[];
}

export interface Verb {
  name: string;
  /** Changes the cluster: recorded as an input and run at its instant. */
  mutating: boolean;
  flags: import('./args').FlagSpec[];
  run(ctx: KubectlContext, args: ParsedArgs): void;
}

/** A kubectl-side error: printed as "error: <message>" (kubectl's cmdutil.CheckErr). */
export class KubectlError extends Error {
  constructor(
    message: string,
    /** Printed as is (already prefixed), e.g. a usage error with its "See 'kubectl …'" line. */
    readonly raw = false,
  ) {
    super(message);
  }
}

export function namespaceOf(args: ParsedArgs): string {
  const ns = args.flags.get('namespace');
  return typeof ns === 'string' && ns !== '' ? ns : 'default';
}
