/**
 * The lesson player's state machine, through the worker's session as the
 * page drives it (commands in, frames out): every built-in lesson completed
 * as a learner would (each answer right, and every measured answer agreeing
 * with what the player measured on the page's own run), wrong moves
 * answered by hints, goals gating Next, rewinding to a step's start, and
 * links to a step.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { LessonCommand, LessonInfo, LessonState, SimAction, SimFrame } from '../protocol/messages';
import { parseLesson } from '../lessons/parse';
import type { LessonFile } from '../lessons/types';
import { SimSession } from './session';

const DIR = fileURLToPath(new URL('../lessons/builtin/', import.meta.url));
const FILES = readdirSync(DIR)
  .filter((name) => name.endsWith('.yaml'))
  .sort();
const read = (file: string) => readFileSync(join(DIR, file), 'utf8');

function parsed(text: string): LessonFile {
  const result = parseLesson(text);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.file;
}

function harness(text: string) {
  const frames: SimFrame[] = [];
  const clock = { wallMs: 0, ticking: false };
  let info: LessonInfo | null | undefined;
  let state: LessonState | undefined;
  let nowMs = 0;
  let playing = false;
  const session = new SimSession({
    post: (frame) => {
      frames.push(frame);
      if (frame.type === 'lesson') {
        if (frame.info !== undefined) info = frame.info;
        if (frame.state) state = structuredClone(frame.state);
      }
      if (frame.type === 'snapshot' || frame.type === 'diff') {
        nowMs = frame.nowMs;
        playing = frame.playing;
      }
    },
    wallNowMs: () => clock.wallMs,
    setTicking: (on) => (clock.ticking = on),
  });
  session.handle({ type: 'boot-scenario', fileName: 'lesson.yaml', text });
  const errors = () => frames.filter((f) => f.type === 'error').map((f) => (f.type === 'error' ? f.message : ''));
  return {
    session,
    get info() {
      return info;
    },
    get state() {
      return state!;
    },
    get nowMs() {
      return nowMs;
    },
    get playing() {
      return playing;
    },
    errors,
    lesson: (command: LessonCommand) => session.handle({ type: 'lesson', command }),
    act: (action: SimAction) => session.handle({ type: 'act', action }),
    /** One tick of a second of wall time (the pacing caps it at 100 ms × speed), or one 10 s step when paused. */
    moveClock: () => {
      if (clock.ticking) {
        clock.wallMs += 1000;
        session.tick();
      } else session.handle({ type: 'step', ms: 10_000 });
    },
  };
}

type Harness = ReturnType<typeof harness>;

function rightAnswer(file: LessonFile, index: number): number {
  const q = file.lesson.steps[index]!.question!;
  return q.kind === 'choice' ? q.choices.findIndex((c) => c.correct) : q.answer;
}

/** Does what each step asks, as a learner who follows the narration; returns each reveal. */
function complete(h: Harness, file: LessonFile, from = 0): void {
  for (let guard = 0; guard < 20_000 && h.state.phase !== 'finished'; guard++) {
    const index = h.state.step;
    const step = file.lesson.steps[index]!;
    if (index < from) throw new Error('went back');
    if (h.state.phase === 'question') h.lesson({ do: 'answer', answer: rightAnswer(file, index) });
    else if (h.state.phase === 'running' && step.wait?.kind === 'action') h.act(step.wait.action);
    else if (h.state.phase === 'running' || !h.state.goals.every(Boolean)) h.moveClock();
    else {
      if (step.question) {
        expect(h.state.reveal, `${file.lesson.name} step ${step.id}: the answer is revealed`).toBeDefined();
        expect(h.state.reveal!.correct, `${file.lesson.name} step ${step.id}: the right answer is marked right`).toBe(true);
        expect(h.state.reveal!.verify.filter((v) => !v.passed), `${file.lesson.name} step ${step.id}: what the reveal shows holds`).toEqual([]);
        if (step.question.kind === 'number' && step.question.measure) {
          const measured = Number.parseFloat(h.state.reveal!.measured ?? 'NaN');
          expect(Math.abs(measured - step.question.answer), `${file.lesson.name} step ${step.id}: measured ${h.state.reveal!.measured}`).toBeLessThanOrEqual(step.question.tolerance);
        }
      }
      h.lesson({ do: 'next' });
      const after: LessonState = h.state;
      expect(after.step > index || after.phase === 'finished', `${file.lesson.name}: Next leaves step ${step.id} (hint: ${h.state.hint})`).toBe(true);
    }
  }
  expect((h.state as LessonState).phase).toBe('finished');
}

describe('the lesson player in the worker', () => {
  it.each(FILES)('%s can be completed as a learner would, every answer agreeing with the page’s run', (name) => {
    const text = read(name);
    const file = parsed(text);
    const h = harness(text);
    expect(h.info?.name).toBe(file.lesson.name);
    expect(h.info?.steps.map((s) => s.id)).toEqual(file.lesson.steps.map((s) => s.id));
    complete(h, file);
    expect(h.state.completed).toEqual(file.lesson.steps.map((_, i) => i));
    expect(h.errors()).toEqual([]);
  });

  const grace = read('03-grace-period.yaml');

  it('a run step plays and stops exactly at its end; Next waits for the awaited action', () => {
    const h = harness(grace);
    expect(h.state).toMatchObject({ step: 0, phase: 'running' });
    expect(h.playing).toBe(true);
    for (let i = 0; i < 200 && h.state.phase === 'running'; i++) h.moveClock();
    expect(h.state.phase).toBe('done');
    expect(h.nowMs).toBe(62_000);
    expect(h.playing).toBe(false);
    h.lesson({ do: 'next' });
    expect(h.state).toMatchObject({ step: 1, phase: 'running' });
    h.lesson({ do: 'next' });
    expect(h.state.step).toBe(1);
    expect(h.state.hint).toBe('Not yet: the step is waiting for you to do this: node zone-a-2 loses power.');
  });

  it('a wrong action gets the step’s hint, not a dead end: rewind goes back to the step’s start and the right one works', () => {
    const h = harness(grace);
    while (h.state.phase === 'running') h.moveClock();
    h.lesson({ do: 'next' });
    h.act({ do: 'kill-node', node: 'zone-a-1' });
    expect(h.state).toMatchObject({ step: 1, phase: 'running' });
    expect(h.state.hint).toContain('This lesson follows `zone-a-2`');
    h.lesson({ do: 'rewind' });
    h.moveClock(); // the seek is answered on the next tick
    expect(h.nowMs).toBe(62_000);
    expect(h.state).toMatchObject({ step: 1, phase: 'running', stepStartMs: 62_000 });
    expect(h.state.hint).toBeUndefined();
    h.act({ do: 'kill-node', node: 'zone-a-2' });
    expect(h.state.phase).toBe('done');
    h.lesson({ do: 'next' });
    // zone-a-1 is alive again on this line of history: the rewind discarded the wrong kill.
    expect(h.state).toMatchObject({ step: 2, phase: 'question' });
  });

  it('predict, then reveal: the answer is locked, the step plays until the wait holds, a wrong answer is shown as wrong with the right one', () => {
    const file = parsed(grace);
    const h = harness(grace);
    h.lesson({ do: 'goto', step: 2 });
    expect(h.state).toMatchObject({ step: 2, phase: 'question' });
    expect(h.nowMs).toBe(62_001);
    expect(h.playing).toBe(false);
    h.lesson({ do: 'answer', answer: 112 });
    expect(h.state).toMatchObject({ phase: 'running', answer: 112 });
    expect(h.playing).toBe(true);
    expect(() => h.lesson({ do: 'answer', answer: 115 })).not.toThrow();
    expect(h.errors().at(-1)).toMatch(/no question waiting/);
    while (h.state.phase === 'running') h.moveClock();
    expect(h.nowMs).toBe(115_000);
    expect(h.playing).toBe(false);
    expect(h.state.reveal).toMatchObject({ correct: false, given: '112 s', right: '115 s', measured: '115 s' });
    expect(h.state.reveal!.source).toBe(file.lesson.steps[2]!.question!.ruleSource);
    h.lesson({ do: 'next' });
    // A choice: the picked one's `why` is shown.
    h.lesson({ do: 'answer', answer: 0 });
    expect(h.state.reveal).toMatchObject({ correct: false, given: 'The kubelet reported that the node is broken.' });
    expect(h.state.reveal!.why).toMatch(/dead kubelet reports nothing/);
  });

  it('rewinding a predict step asks again; goto an earlier step goes back to its start', () => {
    const h = harness(grace);
    h.lesson({ do: 'goto', step: 2 });
    h.lesson({ do: 'answer', answer: 100 });
    h.lesson({ do: 'rewind' });
    h.moveClock();
    expect(h.state).toMatchObject({ step: 2, phase: 'question' });
    expect(h.state.answer).toBeUndefined();
    expect(h.nowMs).toBe(62_001);
    h.lesson({ do: 'goto', step: 0 });
    h.moveClock();
    expect(h.state).toMatchObject({ step: 0, stepStartMs: 0, completed: [] });
    expect(h.nowMs).toBe(0);
  });

  it('Next with a goal unmet shows the goal’s hint instead of moving on; the ✓ comes once it is met', () => {
    const text = `name: cordon-goal
cluster: {zones: [{name: zone-a, nodes: 2}]}
lesson:
  title: Cordon
  summary: Cordon a node.
  topic: Test
  steps:
    - id: cordon
      text: Cordon zone-a-1.
      goals:
        - text: zone-a-1 is cordoned
          expect: {object: Node/zone-a-1, field: spec.unschedulable, equals: true}
          hint: Cordon zone-a-1 from its menu.
    - id: end
      text: Done.
`;
    const h = harness(text);
    expect(h.state).toMatchObject({ step: 0, phase: 'done', goals: [false] });
    h.lesson({ do: 'next' });
    expect(h.state).toMatchObject({ step: 0, hint: 'Cordon zone-a-1 from its menu.' });
    h.act({ do: 'cordon', node: 'zone-a-1' });
    expect(h.state.goals).toEqual([true]);
    expect(h.state.hint).toBeUndefined();
    h.lesson({ do: 'next' });
    expect(h.state).toMatchObject({ step: 1, completed: [0] });
    h.lesson({ do: 'next' });
    expect(h.state).toMatchObject({ phase: 'finished', completed: [0, 1] });
  });

  it('the page’s own action shapes are the awaited ones: a condition with the dialog’s reason, a scale with the default namespace', () => {
    const heartbeats = read('02-heartbeats.yaml');
    const file = parsed(heartbeats);
    const h = harness(heartbeats);
    const at = file.lesson.steps.findIndex((s) => s.wait?.kind === 'action' && s.wait.action.do === 'set-condition');
    h.lesson({ do: 'goto', step: at });
    if (h.state.phase === 'question') h.lesson({ do: 'answer', answer: rightAnswer(file, at) });
    h.act({ do: 'set-condition', node: 'zone-a-1', type: 'MemoryPressure', status: 'True', reason: 'SetByPlayground' });
    expect(h.state.phase).not.toBe('running');
    const bin = read('09-bin-packing.yaml');
    const binFile = parsed(bin);
    const b = harness(bin);
    const scaleAt = binFile.lesson.steps.findIndex((s) => s.wait?.kind === 'action' && s.wait.action.do === 'scale');
    b.lesson({ do: 'goto', step: scaleAt });
    if (b.state.phase === 'question') b.lesson({ do: 'answer', answer: rightAnswer(binFile, scaleAt) });
    b.act({ do: 'scale', kind: 'Deployment', name: 'web', namespace: 'default', replicas: 13 });
    expect(b.state.phase).not.toBe('running');
  });

  it('a plain scenario file loads no lesson; a lesson command then is refused in one line', () => {
    const h = harness('name: plain\ncluster: {zones: [{name: z, nodes: 1}]}\n');
    expect(h.info).toBeUndefined();
    h.lesson({ do: 'next' });
    expect(h.errors().at(-1)).toBe('no lesson is loaded: open a lesson file first');
  });

  it('an invalid lesson file is rejected with field, line and reason, and nothing is loaded', () => {
    const frames: SimFrame[] = [];
    const session = new SimSession({ post: (f) => frames.push(f), wallNowMs: () => 0, setTicking: () => undefined });
    session.handle({ type: 'boot-scenario', fileName: 'bad.yaml', text: 'name: bad\ncluster: {zones: [{name: z, nodes: 1}]}\nlesson:\n  title: T\n  summary: S\n  topic: X\n  steps:\n    - {text: hi, clock: sometimes}\n' });
    const rejected = frames.find((f) => f.type === 'scenario-rejected');
    expect(rejected).toMatchObject({ type: 'scenario-rejected', errors: [{ path: 'lesson.steps[0].clock', line: 8 }] });
    expect(frames.some((f) => f.type === 'lesson')).toBe(false);
  });
});
