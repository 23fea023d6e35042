/**
 * Taint validation as the API server runs it on a Node
 * (pkg/apis/core/validation/validation.go validateNodeTaints), pure so the
 * engine's admission, the scenario parser and the page's "Add taint…" dialog
 * run the same rules with the same messages.
 */
import { validateLabelValue, validateQualifiedName } from './names';

export type TaintEffect = 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
export const TAINT_EFFECTS: readonly TaintEffect[] = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** A field error as the API server reports it (field.Error). */
export interface TaintFieldError {
  /** Relative to the taint: "key", "value" or "effect". */
  field: 'key' | 'value' | 'effect';
  type: 'Required value' | 'Invalid value' | 'Unsupported value';
  value?: string;
  detail?: string;
}

// Upstream: pkg/apis/core/validation/validation.go validateNodeTaints (key, value, effect of one taint).
export function validateTaint(taint: { key?: string; value?: string; effect?: string }): TaintFieldError[] {
  const out: TaintFieldError[] = [];
  if (!taint.key) out.push({ field: 'key', type: 'Required value' });
  else for (const detail of validateQualifiedName(taint.key)) out.push({ field: 'key', type: 'Invalid value', value: taint.key, detail });
  const value = taint.value ?? '';
  const valueProblems = validateLabelValue(value);
  if (valueProblems.length > 0) out.push({ field: 'value', type: 'Invalid value', value, detail: valueProblems.join(';') });
  // Upstream: validateTaintEffect(effect, allowEmpty=false).
  if (!taint.effect) out.push({ field: 'effect', type: 'Required value' });
  else if (!TAINT_EFFECTS.includes(taint.effect as TaintEffect)) {
    out.push({ field: 'effect', type: 'Unsupported value', value: taint.effect, detail: 'supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"' });
  }
  return out;
}

/** One line for a taint field error: `key: Invalid value: "bad key!!": name part must …`. */
export function taintErrorText(e: TaintFieldError): string {
  return `${e.field}: ${e.type}${e.value !== undefined ? `: ${JSON.stringify(e.value)}` : ''}${e.detail ? `: ${e.detail}` : ''}`;
}
