/** A finished lesson: what was learnt, and the lesson to take next. */
import type { LessonInfo } from '../../protocol/messages';
import { findLesson } from './catalog';
import { InlineMarkdown } from './Markdown';
import { lessonCommand, lessonHref } from './open-lesson';

export function LessonEnd({ info }: { info: LessonInfo }) {
  const next = info.next ? findLesson(info.next) : undefined;
  return (
    <section className="lesson-end" aria-labelledby="lesson-end-heading">
      <div aria-live="polite">
        <h3 id="lesson-end-heading">
          <span aria-hidden="true">✓ </span>Lesson complete
        </h3>
        {info.learned.length > 0 && (
          <>
            <p>What you learnt:</p>
            <ul className="lesson-learned">
              {info.learned.map((item, i) => (
                <li key={i}>
                  <InlineMarkdown text={item} />
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      {next && (
        <p className="lesson-next">
          Next: <a href={lessonHref(next.id)}>{next.title}</a>
        </p>
      )}
      <p>
        <button type="button" onClick={() => lessonCommand({ do: 'goto', step: 0 })}>
          Go through it again
        </button>
      </p>
    </section>
  );
}
