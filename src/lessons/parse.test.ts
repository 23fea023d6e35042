import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/parse';
import type { ScenarioError } from '../scenario/types';
import { hasLessonSection, parseLesson } from './parse';
import type { LessonFile } from './types';

const SCENARIO = 'name: t\ncluster:\n  zones: [{name: zone-a, nodes: 2}]\n';
/** Line 4 is "lesson:", line 5 title, 6 summary, 7 topic, 8 steps, 9 the first step. */
const HEAD = `${SCENARIO}lesson:\n  title: T\n  summary: S\n  topic: Node health\n  steps:\n`;
const STEP = '    - text: Hello\n';

function errorsOf(text: string): ScenarioError[] {
  const result = parseLesson(text);
  if (result.ok) throw new Error('expected the lesson to be invalid');
  return result.errors;
}

function lessonOf(text: string): LessonFile {
  const result = parseLesson(text);
  if (!result.ok) throw new Error(`expected a valid lesson, got: ${JSON.stringify(result.errors, null, 2)}`);
  return result.file;
}

describe('parseLesson: valid files', () => {
  it('reads a minimal lesson with defaults', () => {
    const { scenario, lesson } = lessonOf(HEAD + STEP);
    expect(scenario.name).toBe('t');
    expect(lesson).toEqual({
      name: 't',
      title: 'T',
      summary: 'S',
      topic: 'Node health',
      learned: [],
      steps: [{ id: '1', text: 'Hello', clock: { mode: 'pause' }, actions: [], goals: [], hints: [], sources: [], source: { path: 'lesson.steps[0]', line: 9 } }],
    });
  });

  it('reads every part of a step', () => {
    const { lesson } = lessonOf(`${SCENARIO}lesson:
  title: T
  summary: S
  topic: Node health
  next: taints-and-tolerations
  learned: [One, Two]
  steps:
    - id: kill
      title: Kill it
      text: Kill **zone-a-2**.
      clock: {play: 30}
      actions: [{do: cordon, node: zone-a-1}]
      wait: {action: {do: kill-node, node: zone-a-2}}
      hints: [{when: {do: kill-node}, text: Not that one.}]
      sources: [pkg/controller/nodelifecycle/node_lifecycle_controller.go]
    - id: predict
      text: Predict.
      clock: play
      question:
        prompt: When?
        answer: 115
        unit: s
        tolerance: 5
        measure: {when: {node: zone-a-2, condition: {type: Ready, status: Unknown}}, since: step}
        rule: The rule.
        source: pkg/controller/nodelifecycle/node_lifecycle_controller.go
        verify: [{zone: zone-a, state: Normal}]
      wait: {until: {node: zone-a-2, condition: {type: Ready, status: Unknown}}, within: 2m}
      goals: [{text: Tainted, expect: {node: zone-a-2, hasTaint: {key: k, effect: NoSchedule}}, hint: Wait.}]
    - id: choose
      text: Choose.
      clock: {run: 1m30s}
      question:
        prompt: Which?
        choices: [{text: A, why: No.}, {text: B, correct: true}]
        rule: R.
        source: website nodes.md
    - text: Events.
      wait: {event: {reason: NodeNotReady, object: Node/zone-a-2}}
`);
    expect(lesson.next).toBe('taints-and-tolerations');
    expect(lesson.learned).toEqual(['One', 'Two']);
    const [kill, predict, choose, events] = lesson.steps;
    expect(kill).toMatchObject({
      id: 'kill',
      title: 'Kill it',
      clock: { mode: 'play', speed: 30 },
      actions: [{ action: { do: 'cordon', node: 'zone-a-1' }, source: { path: 'lesson.steps[0].actions[0]', line: 15 } }],
      wait: { kind: 'action', action: { do: 'kill-node', node: 'zone-a-2' } },
      hints: [{ when: { do: 'kill-node' }, text: 'Not that one.' }],
      sources: ['pkg/controller/nodelifecycle/node_lifecycle_controller.go'],
    });
    expect(predict).toMatchObject({
      clock: { mode: 'play' },
      question: {
        kind: 'number',
        answer: 115,
        unit: 's',
        tolerance: 5,
        measure: { kind: 'time', since: 'step', check: { kind: 'node-condition', node: 'zone-a-2', type: 'Ready', status: 'Unknown' } },
        verify: [{ kind: 'zone-state', zone: 'zone-a', state: 'Normal' }],
      },
      wait: { kind: 'until', withinMs: 120_000 },
      goals: [{ text: 'Tainted', hint: 'Wait.', check: { kind: 'node-taint', present: true } }],
    });
    expect(choose).toMatchObject({ clock: { mode: 'run', ms: 90_000 }, question: { kind: 'choice', choices: [{ text: 'A', correct: false, why: 'No.' }, { text: 'B', correct: true }] } });
    expect(events).toMatchObject({ id: '4', wait: { kind: 'event', filter: { reason: 'NodeNotReady', object: { kind: 'Node', name: 'zone-a-2' } }, withinMs: 3_600_000 } });
  });

  it('is a scenario file too: the scenario parser accepts the lesson section', () => {
    expect(parseScenario(HEAD + STEP).ok).toBe(true);
  });

  it('knows lesson files from plain scenarios', () => {
    expect(hasLessonSection(HEAD + STEP)).toBe(true);
    expect(hasLessonSection(SCENARIO)).toBe(false);
    expect(hasLessonSection('- a list\n')).toBe(false);
    expect(hasLessonSection('{broken')).toBe(false);
  });

  it('accepts a node added by an earlier step', () => {
    lessonOf(`${HEAD}    - {text: A, actions: [{do: add-node, node: {name: extra, zone: zone-a}}]}\n    - {text: B, wait: {action: {do: kill-node, node: extra}}}\n`);
  });
});

describe('parseLesson: invalid files', () => {
  // [what, file, path, line, message fragment]
  const cases: [string, string, string, number | undefined, string][] = [
    ['no lesson section', SCENARIO, '', 1, 'missing required field "lesson"'],
    ['a lesson that is not a mapping', `${SCENARIO}lesson: [1]\n`, 'lesson', 4, 'expected a mapping, found a list'],
    ['a missing title', `${SCENARIO}lesson:\n  summary: S\n  topic: T\n  steps: [{text: x}]\n`, 'lesson', 4, 'missing required field "title"'],
    ['an unknown lesson field', `${HEAD}${STEP}  level: easy\n`.replace('  steps:', '  levels: 1\n  steps:'), 'lesson.levels', 8, 'unknown field "levels"'],
    ['no steps', `${SCENARIO}lesson:\n  title: T\n  summary: S\n  topic: T\n  steps: []\n`, 'lesson.steps', 8, 'a lesson needs at least one step'],
    ['a bad next', HEAD.replace('  steps:', '  next: Lesson 4\n  steps:') + STEP, 'lesson.next', 8, 'invalid lesson name "Lesson 4"'],
    ['text YAML read as a mapping', HEAD.replace('  steps:', '  learned:\n    - Note: this breaks\n  steps:') + STEP, 'lesson.learned[0]', 9, 'expected text, found a mapping: YAML reads "words: more words" as a mapping'],
    ['a step without text', `${HEAD}    - title: x\n`, 'lesson.steps[0]', 9, 'missing required field "text"'],
    ['an unknown step field', `${HEAD}    - {text: x, wiat: {}}\n`, 'lesson.steps[0].wiat', 9, 'unknown field "wiat" (did you mean "wait"?)'],
    ['a bad step id', `${HEAD}    - {id: Step_1, text: x}\n`, 'lesson.steps[0].id', 9, 'invalid step id "Step_1"'],
    ['a duplicate step id', `${HEAD}    - {id: a, text: x}\n    - {id: a, text: y}\n`, 'lesson.steps[1].id', 10, 'duplicate step id "a" (already used by lesson.steps[0])'],
    ['a bad clock word', `${HEAD}    - {text: x, clock: run}\n`, 'lesson.steps[0].clock', 9, 'expected "pause", "play", {play: <speed>} or {run: <duration>}, found "run"'],
    ['a clock with both', `${HEAD}    - {text: x, clock: {play: 2, run: 5s}}\n`, 'lesson.steps[0].clock', 9, 'a clock is either {play: <speed>} or {run: <duration>}'],
    ['a zero run', `${HEAD}    - {text: x, clock: {run: 0}}\n`, 'lesson.steps[0].clock.run', 9, 'must be longer than 0'],
    ['a speed out of range', `${HEAD}    - {text: x, clock: {play: 1000}}\n`, 'lesson.steps[0].clock.play', 9, 'must be at most 600'],
    ['a run with an until wait', `${HEAD}    - {text: x, clock: {run: 5s}, wait: {until: {zone: zone-a, state: Normal}}}\n`, 'lesson.steps[0].clock', 9, 'a step that runs a fixed time cannot also wait'],
    ['an unknown action', `${HEAD}    - {text: x, actions: [{do: explode}]}\n`, 'lesson.steps[0].actions[0].do', 9, 'expected one of "kill-node"'],
    ['an action with at', `${HEAD}    - {text: x, actions: [{at: 5s, do: cordon, node: zone-a-1}]}\n`, 'lesson.steps[0].actions[0].at', 9, 'no "at" here: the action happens when its step gets there'],
    ['an action on an unknown node', `${HEAD}    - text: x\n      actions:\n        - {do: cordon, node: zone-b-9}\n`, 'lesson.steps[0].actions[0].node', 11, 'unknown node "zone-b-9": not in the scenario nor added by an earlier step (nodes: zone-a-1, zone-a-2)'],
    ['a node added only by a later step', `${HEAD}    - {text: A, wait: {action: {do: kill-node, node: extra}}}\n    - {text: B, actions: [{do: add-node, node: {name: extra}}]}\n`, 'lesson.steps[0].wait.action.node', 9, 'unknown node "extra"'],
    ['an action missing its node', `${HEAD}    - {text: x, wait: {action: {do: drain}}}\n`, 'lesson.steps[0].wait.action', 9, 'missing required field "node"'],
    ['two kinds of wait', `${HEAD}    - {text: x, wait: {action: {do: cordon, node: zone-a-1}, event: {reason: X}}}\n`, 'lesson.steps[0].wait', 9, 'a wait is exactly one of action (the learner does it), until (an expectation holds) or event (one is recorded) (found action and event)'],
    ['within on an action wait', `${HEAD}    - {text: x, wait: {action: {do: cordon, node: zone-a-1}, within: 5s}}\n`, 'lesson.steps[0].wait.within', 9, '"within" applies to until and event waits'],
    ['a bad within', `${HEAD}    - {text: x, wait: {until: {zone: zone-a, state: Normal}, within: soon}}\n`, 'lesson.steps[0].wait.within', 9, 'invalid duration "soon"'],
    ['an until with at', `${HEAD}    - {text: x, wait: {until: {at: 5s, zone: zone-a, state: Normal}}}\n`, 'lesson.steps[0].wait.until.at', 9, 'no "at" here'],
    ['an until that is no expectation', `${HEAD}    - {text: x, wait: {until: {zone: zone-a, node: zone-a-1}}}\n`, 'lesson.steps[0].wait.until', 9, 'an expectation names exactly one subject'],
    ['an until on an unknown zone', `${HEAD}    - {text: x, wait: {until: {zone: zone-q, state: Normal}}}\n`, 'lesson.steps[0].wait.until.zone', 9, 'unknown zone "zone-q"'],
    ['an event wait without reason', `${HEAD}    - {text: x, wait: {event: {type: Warning}}}\n`, 'lesson.steps[0].wait.event', 9, 'missing required field "reason"'],
    ['a goal without expect', `${HEAD}    - {text: x, goals: [{text: g}]}\n`, 'lesson.steps[0].goals[0]', 9, 'missing required field "expect"'],
    ['a goal with a bad expectation', `${HEAD}    - {text: x, goals: [{text: g, expect: {pods: {}, count: -1}}]}\n`, 'lesson.steps[0].goals[0].expect.count', 9, 'must be at least 0'],
    ['a hint for an unknown action', `${HEAD}    - {text: x, hints: [{when: {do: reboot}, text: h}]}\n`, 'lesson.steps[0].hints[0].when.do', 9, 'expected one of "kill-node"'],
    ['a hint with an unknown field', `${HEAD}    - {text: x, hints: [{when: {do: drain, taint: x}, text: h}]}\n`, 'lesson.steps[0].hints[0].when.taint', 9, 'unknown field "taint"'],
    ['a question with neither choices nor answer', `${HEAD}    - {text: x, question: {prompt: p, rule: r, source: s}}\n`, 'lesson.steps[0].question', 9, 'a question has either choices (multiple choice) or an answer (a number)'],
    ['a question with both', `${HEAD}    - {text: x, question: {prompt: p, rule: r, source: s, answer: 1, choices: []}}\n`, 'lesson.steps[0].question', 9, 'not both'],
    ['a question without its source', `${HEAD}    - {text: x, question: {prompt: p, rule: r, answer: 1}}\n`, 'lesson.steps[0].question', 9, 'missing required field "source"'],
    ['a question with an unknown field', `${HEAD}    - {text: x, question: {prompt: p, rule: r, source: s, answer: 1, hint: h}}\n`, 'lesson.steps[0].question.hint', 9, 'unknown field "hint"'],
    ['one choice only', `${HEAD}    - {text: x, question: {prompt: p, rule: r, source: s, choices: [{text: a, correct: true}]}}\n`, 'lesson.steps[0].question.choices', 9, 'needs at least 2 choices, found 1'],
    ['no right choice', `${HEAD}    - {text: x, question: {prompt: p, rule: r, source: s, choices: [{text: a}, {text: b}]}}\n`, 'lesson.steps[0].question.choices', 9, 'exactly one choice has "correct: true", found 0'],
    ['two right choices', `${HEAD}    - {text: x, question: {prompt: p, rule: r, source: s, choices: [{text: a, correct: true}, {text: b, correct: true}]}}\n`, 'lesson.steps[0].question.choices', 9, 'found 2'],
    ['a choice read as a boolean', `${HEAD}    - {text: x, question: {prompt: p, rule: r, source: s, choices: [{text: False}, {text: b, correct: true}]}}\n`, 'lesson.steps[0].question.choices[0].text', 9, 'expected a string, found a boolean (false)'],
    ['an answer that is not a number', `${HEAD}    - {text: x, question: {prompt: p, rule: r, source: s, answer: 115s}}\n`, 'lesson.steps[0].question.answer', 9, 'expected a number, found'],
    ['a negative tolerance', `${HEAD}    - {text: x, question: {prompt: p, rule: r, source: s, answer: 1, tolerance: -1}}\n`, 'lesson.steps[0].question.tolerance', 9, 'must be at least 0'],
    ['a measured time without a time unit', `${HEAD}    - {text: x, question: {prompt: p, rule: r, source: s, answer: 1, unit: pods, measure: {when: {zone: zone-a, state: Normal}}}}\n`, 'lesson.steps[0].question.unit', 9, 'a measured time needs its unit: one of "ms", "s", "min", "h", found "pods"'],
    ['a measure of neither kind', `${HEAD}    - {text: x, question: {prompt: p, rule: r, source: s, answer: 1, measure: {count: 3}}}\n`, 'lesson.steps[0].question.measure', 9, 'a measure is {when: <expectation>, since?: start|step} (a time) or {pods: <pod filter>} (a count)'],
    ['a bad since', `${HEAD}    - {text: x, question: {prompt: p, rule: r, source: s, answer: 1, unit: s, measure: {when: {zone: zone-a, state: Normal}, since: kill}}}\n`, 'lesson.steps[0].question.measure.since', 9, 'expected one of "start", "step"'],
    ['a bad pod filter in a measure', `${HEAD}    - {text: x, question: {prompt: p, rule: r, source: s, answer: 1, measure: {pods: {label: x}}}}\n`, 'lesson.steps[0].question.measure.pods.label', 9, 'unknown field "label"'],
    ['a bad verify', `${HEAD}    - {text: x, question: {prompt: p, rule: r, source: s, answer: 1, verify: [{node: ghost, exists: true}]}}\n`, 'lesson.steps[0].question.verify[0].node', 9, 'unknown node "ghost"'],
  ];

  it.each(cases)('reports %s', (_what, text, path, line, message) => {
    const errors = errorsOf(text);
    const error = errors.find((e) => e.path === path && e.message.includes(message));
    expect(error, JSON.stringify(errors, null, 2)).toBeDefined();
    expect(error!.line).toBe(line);
  });

  it('reports scenario errors and lesson errors together, in file order', () => {
    const errors = errorsOf(`name: Bad_Name\ncluster:\n  zones: [{name: zone-a, nodes: 2}]\nlesson:\n  title: T\n  summary: S\n  topic: T\n  steps: [{text: x, clock: never}]\n`);
    expect(errors.map((e) => [e.path, e.line])).toEqual([
      ['name', 1],
      ['lesson.steps[0].clock', 8],
    ]);
  });

  it('reports YAML syntax errors as the scenario parser does', () => {
    expect(errorsOf(`${HEAD}    - {text: [\n`)[0]!.message).toMatch(/^YAML syntax error/);
  });
});
