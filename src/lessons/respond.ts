/**
 * What a step makes of an action the learner just did (for the lesson
 * player, in the worker or the page): it is the awaited one, so the step
 * moves on; or a hint answers it; or the step has nothing to say.
 */
import type { SimAction } from '../sim/actions';
import { patternMatches, sameAction } from './parse-checks';
import type { LessonStep } from './types';

export type StepResponse = { kind: 'awaited' } | { kind: 'hint'; text: string } | { kind: 'none' };

export function respondToAction(step: LessonStep, action: SimAction): StepResponse {
  if (step.wait?.kind === 'action' && sameAction(step.wait.action, action)) return { kind: 'awaited' };
  // The first hint whose pattern matches, in file order: teachers list the specific ones first.
  const hint = step.hints.find((h) => patternMatches(h.when, action));
  return hint ? { kind: 'hint', text: hint.text } : { kind: 'none' };
}
