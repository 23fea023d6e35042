/**
 * Predict, then reveal: the step's question, answered and locked before
 * anything of the step runs; once the step's wait held, the right answer with
 * the rule and its upstream source.
 */
import { useId, useState, type FormEvent } from 'react';
import type { LessonQuestionInfo, LessonReveal, LessonState } from '../../protocol/messages';
import { InlineMarkdown, Markdown } from './Markdown';
import { lessonCommand } from './open-lesson';
import { upstreamLink } from './sources';

export function LessonQuestion({ question, state }: { question: LessonQuestionInfo; state: LessonState }) {
  const id = useId();
  const [choice, setChoice] = useState<number | null>(null);
  const [number, setNumber] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const asking = state.phase === 'question';

  const lock = (event: FormEvent) => {
    event.preventDefault();
    if (question.kind === 'choice') {
      if (choice === null) return setProblem('Pick an answer first.');
      lessonCommand({ do: 'answer', answer: choice });
    } else {
      const value = Number(number.trim());
      if (number.trim() === '' || !Number.isFinite(value)) return setProblem('Type a number, e.g. 120.');
      lessonCommand({ do: 'answer', answer: value });
    }
    setProblem(null);
  };

  const given =
    state.answer === undefined ? null : question.kind === 'choice' ? (question.choices[state.answer] ?? '') : `${state.answer}${question.unit ? ` ${question.unit}` : ''}`;

  return (
    <section className="lesson-question" aria-labelledby={`${id}-h`}>
      <h4 id={`${id}-h`}>Predict</h4>
      {asking ? (
        <form onSubmit={lock}>
          {question.kind === 'choice' ? (
            <fieldset>
              <legend>
                <InlineMarkdown text={question.prompt} />
              </legend>
              {question.choices.map((text, i) => (
                <label key={i} className="lesson-choice">
                  <input type="radio" name={`${id}-choice`} checked={choice === i} onChange={() => setChoice(i)} />{' '}
                  <InlineMarkdown text={text} />
                </label>
              ))}
            </fieldset>
          ) : (
            <div className="lesson-number">
              <label htmlFor={`${id}-n`}>
                <InlineMarkdown text={question.prompt} />
              </label>
              <span>
                <input
                  id={`${id}-n`}
                  type="text"
                  inputMode="decimal"
                  autoComplete="off"
                  aria-describedby={question.unit ? `${id}-unit` : undefined}
                  value={number}
                  onChange={(e) => setNumber(e.target.value)}
                />{' '}
                {question.unit && <span id={`${id}-unit`}>{question.unit}</span>}
              </span>
            </div>
          )}
          {problem && <p className="lesson-problem">{problem}</p>}
          <button type="submit" className="primary">
            Lock my answer
          </button>
          <p className="muted">Once locked, the lesson plays and shows what really happens.</p>
        </form>
      ) : (
        <>
          <p>
            <InlineMarkdown text={question.prompt} />
          </p>
          {given !== null && (
            <p>
              Your answer (locked): <strong>{given === '' ? '—' : <InlineMarkdown text={given} />}</strong>
            </p>
          )}
          {state.reveal ? <Reveal reveal={state.reveal} /> : <p className="muted">Watch: the answer comes when it happens.</p>}
        </>
      )}
    </section>
  );
}

function Reveal({ reveal }: { reveal: LessonReveal }) {
  const link = upstreamLink(reveal.source);
  return (
    <div className={`lesson-reveal ${reveal.correct ? 'is-right' : 'is-wrong'}`}>
      <p className="lesson-verdict">
        <span aria-hidden="true">{reveal.correct ? '✓ ' : '✗ '}</span>
        <strong>{reveal.correct ? 'Right.' : 'Not quite.'}</strong> The answer: <InlineMarkdown text={reveal.right} />
      </p>
      {reveal.measured && <p>The simulation measured: {reveal.measured}.</p>}
      {reveal.why && (
        <p>
          <InlineMarkdown text={reveal.why} />
        </p>
      )}
      <Markdown text={reveal.rule} />
      <p className="lesson-source">
        Source:{' '}
        {link ? (
          <a href={link} target="_blank" rel="noopener noreferrer">
            <code>{reveal.source}</code>
          </a>
        ) : (
          <code>{reveal.source}</code>
        )}
      </p>
      {reveal.verify.length > 0 && (
        <ul className="lesson-verify" aria-label="What the simulation shows">
          {reveal.verify.map((v, i) => (
            <li key={i}>
              <span aria-hidden="true">{v.passed ? '✓ ' : '✗ '}</span>
              <span className="visually-hidden">{v.passed ? 'Holds: ' : 'Does not hold: '}</span>
              {v.text}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
