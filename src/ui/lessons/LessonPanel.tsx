/**
 * The lesson player, a tab of the side panel beside the graph: the step's
 * narration (announced to screen readers), its question, what the learner
 * is to do (with the kubectl command to copy), its goals with ✓, hints,
 * "Rewind and try again" and Next. The worker's lesson player
 * (src/worker/lesson.ts) decides everything; this only shows it and sends
 * the learner's answers and presses.
 */
import type { LessonInfo, LessonState, LessonStepInfo } from '../../protocol/messages';
import { useSim } from '../store';
import { findLesson } from './catalog';
import { KubectlOffer } from './KubectlOffer';
import { LessonEnd } from './LessonEnd';
import { LessonQuestion } from './LessonQuestion';
import { InlineMarkdown, Markdown } from './Markdown';
import { lessonCommand, lessonHref, showHome } from './open-lesson';
import { upstreamLink } from './sources';
import './lessons.css';

export function LessonPanel() {
  const info = useSim((s) => s.lesson.info);
  const state = useSim((s) => s.lesson.state);
  if (!info || !state) return <p className="muted empty-state">No lesson is open: “Lessons” in the header lists them.</p>;
  const builtIn = findLesson(info.name) !== undefined;
  return (
    <div className="lesson" role="region" aria-label={`Lesson: ${info.title}`}>
      <div className="lesson-head">
        <p className="lesson-topic">{info.topic}</p>
        <h2 className="lesson-title">{info.title}</h2>
        <StepNav info={info} state={state} />
      </div>
      {state.phase === 'finished' ? <LessonEnd info={info} /> : <StepView key={state.step} info={info} state={state} builtIn={builtIn} />}
      <p className="lesson-foot">
        <button type="button" className="link-button" onClick={() => showHome(true)}>
          All lessons
        </button>
      </p>
    </div>
  );
}

function StepNav({ info, state }: { info: LessonInfo; state: LessonState }) {
  return (
    <nav aria-label="Steps" className="lesson-steps">
      <ol>
        {info.steps.map((step, i) => {
          const done = state.completed.includes(i);
          const current = i === state.step && state.phase !== 'finished';
          return (
            <li key={step.id}>
              <button
                type="button"
                aria-current={current ? 'step' : undefined}
                className={current ? 'is-current' : done ? 'is-done' : undefined}
                onClick={() => lessonCommand({ do: 'goto', step: i })}
                title={step.title ?? `Step ${i + 1}`}
              >
                <span aria-hidden="true">{done ? '✓' : i + 1}</span>
                <span className="visually-hidden">
                  Step {i + 1}
                  {step.title ? `: ${step.title}` : ''}
                  {done ? ' (done)' : ''}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

function statusOf(step: LessonStepInfo, state: LessonState): string {
  if (state.phase === 'question') return 'Answer the question to go on.';
  if (state.phase === 'running') {
    if (step.awaited) return `Waiting for you: ${step.awaited.description}.`;
    if (step.clock.startsWith('run')) return `The clock runs (${step.clock.slice(4)}), then stops.`;
    const waiting = step.wait ? `Waiting ${step.wait}.` : '';
    return step.clock === 'pause' ? `${waiting} Move the clock (play or step) to see it happen.` : `${waiting} The clock plays until it happens.`;
  }
  if (state.goals.length > 0 && !state.goals.every(Boolean)) return 'Meet the goals below, then press Next.';
  return 'Done: press Next when you are ready.';
}

function StepView({ info, state, builtIn }: { info: LessonInfo; state: LessonState; builtIn: boolean }) {
  const step = info.steps[state.step]!;
  const last = state.step === info.steps.length - 1;
  return (
    <section className="lesson-step" aria-labelledby="lesson-step-heading">
      <div className="lesson-narration" aria-live="polite">
        <h3 id="lesson-step-heading">
          Step {state.step + 1} of {info.steps.length}
          {step.title ? `: ${step.title}` : ''}
        </h3>
        <Markdown text={step.text} />
      </div>
      {step.question && <LessonQuestion key={`${state.step}@${state.stepStartMs}`} question={step.question} state={state} />}
      {step.awaited && state.phase !== 'question' && (
        <div className="lesson-todo">
          <p>
            <strong>Your move:</strong> {step.awaited.description}
          </p>
          {step.awaited.kubectl && <KubectlOffer command={step.awaited.kubectl} />}
        </div>
      )}
      <p role="status" className="lesson-status">
        {statusOf(step, state)}
      </p>
      {step.goals.length > 0 && (
        <ul className="lesson-goals" aria-label="Goals">
          {step.goals.map((goal, i) => {
            const met = state.goals[i] ?? false;
            return (
              <li key={i} className={met ? 'is-met' : undefined}>
                <span aria-hidden="true" className="lesson-goal-mark">
                  {met ? '✓' : '○'}
                </span>
                <span className="visually-hidden">{met ? 'Met: ' : 'Not met yet: '}</span>
                <InlineMarkdown text={goal} />
              </li>
            );
          })}
        </ul>
      )}
      <div aria-live="polite" className="lesson-hint-region">
        {state.hint && (
          <p className="lesson-hint">
            <strong>Hint:</strong> <InlineMarkdown text={state.hint} />
          </p>
        )}
      </div>
      <div className="lesson-buttons">
        <button type="button" onClick={() => lessonCommand({ do: 'rewind' })}>
          Rewind and try again
        </button>
        <button type="button" className="primary" onClick={() => lessonCommand({ do: 'next' })}>
          {last ? 'Finish' : 'Next'}
        </button>
      </div>
      {builtIn && (
        <p className="lesson-link">
          <a href={lessonHref(info.name, state.step > 0 ? step.id : undefined)}>Link to this step</a>
        </p>
      )}
      {step.sources.length > 0 && (
        <details className="lesson-sources">
          <summary>Sources</summary>
          <ul>
            {step.sources.map((source) => {
              const link = upstreamLink(source);
              return (
                <li key={source}>
                  {link ? (
                    <a href={link} target="_blank" rel="noopener noreferrer">
                      <code>{source}</code>
                    </a>
                  ) : (
                    <code>{source}</code>
                  )}
                </li>
              );
            })}
          </ul>
        </details>
      )}
    </section>
  );
}
