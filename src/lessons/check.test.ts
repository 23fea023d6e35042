import { describe, expect, it } from 'vitest';
import { checkLesson, type LessonReport } from './check';
import { parseLesson } from './parse';
import { formatLessonReport } from './report';

const SCENARIO = `name: t
cluster:
  zones: [{name: zone-a, nodes: 3}]
objects:
  - {apiVersion: v1, kind: Pod, metadata: {name: p, labels: {app: p}}, spec: {nodeName: zone-a-2, containers: [{name: c, image: nginx}]}}
`;

/** A lesson that kills zone-a-2 at 62 s and asks when it turns Unknown (115 s upstream). */
function lesson(answer: string, extra = ''): string {
  return `${SCENARIO}${extra}lesson:
  title: T
  summary: S
  topic: Node health
  steps:
    - {id: wait, text: x, clock: {run: 62s}}
    - {id: kill, text: x, wait: {action: {do: kill-node, node: zone-a-2}}}
    - id: predict
      text: x
      clock: play
      question:
        prompt: When?
        answer: ${answer}
        unit: s
        measure: {when: {node: zone-a-2, condition: {type: Ready, status: Unknown}}}
        rule: r
        source: pkg/controller/nodelifecycle/node_lifecycle_controller.go
      wait: {until: {node: zone-a-2, condition: {type: Ready, status: Unknown}}, within: 2m}
`;
}

function check(text: string): LessonReport {
  const parsed = parseLesson(text);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors, null, 2));
  const outcome = checkLesson(parsed.file, { freezeObjects: true });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors, null, 2));
  return outcome.report;
}

function failures(report: LessonReport): string[] {
  return report.steps.flatMap((s) => s.checks.filter((c) => !c.passed).map((c) => `${s.id}: ${c.text} @${c.path}`));
}

describe('checkLesson', () => {
  it('passes a lesson whose answer is what the engine does, with each step at its time', () => {
    const report = check(lesson('115'));
    expect(failures(report)).toEqual([]);
    expect(report.passed).toBe(true);
    expect(report.steps.map((s) => [s.id, s.startMs, s.endMs])).toEqual([
      ['wait', 0, 62_000],
      ['kill', 62_000, 62_000],
      ['predict', 62_000, 115_000],
    ]);
  });

  it('fails a wrong answer, saying what the engine gave and where the question is', () => {
    const report = check(lesson('110'));
    expect(report.passed).toBe(false);
    expect(failures(report)).toEqual([
      'predict: answer 110 s (± 0) against the engine\'s time at which node zone-a-2 condition Ready is Unknown (since t = 0): 115 s @lesson.steps[2].question',
    ]);
  });

  it('accepts an answer within its tolerance, in the unit given', () => {
    expect(check(lesson('110').replace('unit: s', 'unit: s\n        tolerance: 5')).passed).toBe(true);
    expect(check(lesson('1.9').replace('unit: s', 'unit: min\n        tolerance: 0.05')).passed).toBe(true);
  });

  it('fails a wait that never happens within its limit', () => {
    const text = lesson('115').replace("wait: {until: {node: zone-a-2, condition: {type: Ready, status: Unknown}}, within: 2m}", 'wait: {until: {node: zone-a-1, condition: {type: Ready, status: Unknown}}, within: 2m}');
    const report = check(text);
    expect(failures(report)).toContain("predict: wait until node zone-a-1 condition Ready is Unknown: did not happen within 120s of the step's start (62s) @lesson.steps[2].wait.until");
    expect(report.steps[2]!.endMs).toBe(182_000);
  });

  it('fails a goal that does not hold when its step ends', () => {
    const report = check(lesson('115').replace('      wait: {until', '      goals: [{text: gone, expect: {pod: {name: p}, exists: false}}]\n      wait: {until'));
    expect(failures(report)).toEqual(['predict: goal "gone": pod default/p does not exist — expected does not exist, found exists @lesson.steps[2].goals[0]']);
  });

  it('fails an action the engine refuses', () => {
    const text = lesson('115').replace('    - {id: wait,', '    - {id: scale, text: x, actions: [{do: scale, kind: Deployment, name: nope, replicas: 2}]}\n    - {id: wait,');
    expect(failures(check(text))[0]).toMatch(/^scale: the lesson does: kubectl scale deployment\/nope --replicas=2 — failed: .*nope/);
  });

  it('checks verify expectations when the answer is revealed', () => {
    const text = lesson('115').replace('        rule: r', '        verify: [{pods: {node: zone-a-2, ready: false}, count: 1}, {pod: {name: p}, terminating: true}]\n        rule: r');
    expect(failures(check(text))).toEqual(['predict: the revealed answer shows: pod default/p terminating — expected terminating, found not terminating @lesson.steps[2].question']);
  });

  it('measures a time from the step start, and a count of pods', () => {
    const since = check(lesson('53').replace('measure: {when:', 'measure: {since: step, when:'));
    expect(failures(since)).toEqual([]);
    const count = check(lesson('1').replace('unit: s', 'unit: pods').replace(/measure: \{when: .*\}\}\}/, 'measure: {pods: {node: zone-a-2, ready: false}}'));
    expect(failures(count)).toEqual([]);
  });

  it('waits for an event recorded after the step started', () => {
    const text = lesson('115').replace('wait: {until: {node: zone-a-2, condition: {type: Ready, status: Unknown}}, within: 2m}', 'wait: {event: {reason: NodeNotReady, object: Node/zone-a-2}, within: 2m}');
    const report = check(text);
    expect(failures(report)).toEqual([]);
    expect(report.steps[2]!.endMs).toBe(115_000);
  });

  it("checks the scenario's own expectations at their times, before and after a learner's action", () => {
    const text = lesson('115', 'expect:\n  - {at: 62s, node: zone-a-2, condition: {type: Ready, status: "True"}}\n  - {at: 90s, pod: {name: p}, ready: true}\n  - {at: 116s, pod: {name: p}, ready: false}\n');
    const report = check(text);
    expect(report.expectations.map((e) => [e.atMs, e.passed])).toEqual([
      [62_000, true],
      [90_000, true],
      [116_000, true],
    ]);
    expect(report.endMs).toBe(117_000);
  });

  it('gives the same report on every run', () => {
    const parsed = parseLesson(lesson('115'));
    if (!parsed.ok) throw new Error('invalid');
    const a = checkLesson(parsed.file);
    const b = checkLesson(parsed.file);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    if (!a.ok) throw new Error('refused');
    expect(formatLessonReport(parsed.file, a.report).at(-1)).toBe('PASS: every one holds (3 lesson checks in 3 steps, 0 expectations; simulated until 115s)');
  });
});
