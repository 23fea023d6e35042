/** Lesson waits and measures in words, for the checker's report (and the player's status line). */
import { describeEventFilter, describeFilter } from '../scenario/expect';
import type { ExpectationCheck } from '../scenario/types';
import { describeAction } from '../sim/actions';
import type { Measure, StepWait } from './types';

type DescribeCheck = (check: ExpectationCheck) => string;

/** "wait until node zone-a-2 condition Ready is Unknown", "wait for the learner to: kubectl drain zone-a-1". */
export function describeWait(wait: StepWait, describeCheck: DescribeCheck): string {
  switch (wait.kind) {
    case 'action':
      return `wait for the learner to: ${describeAction(wait.action)}`;
    case 'until':
      return `wait until ${describeCheck(wait.check)}`;
    case 'event':
      return `wait for an event ${describeEventFilter(wait.filter)}`;
  }
}

/** "time at which node zone-a-2 condition Ready is Unknown (since t = 0)", "count of pods with selector app=web". */
export function describeMeasure(measure: Measure, describeCheck: DescribeCheck): string {
  if (measure.kind === 'pods') return `count of pods ${describeFilter(measure.filter)}`;
  return `time at which ${describeCheck(measure.check)} (${measure.since === 'step' ? "since the step's start" : 'since t = 0'})`;
}

