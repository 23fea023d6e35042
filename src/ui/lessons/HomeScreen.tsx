/**
 * The home screen: the sandbox (the default cluster) or a lesson, listed by
 * topic with the learner's progress. Shown on a bare first visit and from
 * the header's "Lessons" button; a link to the sandbox (`?sandbox`) or a
 * lesson (`?lesson=<id>`) skips it. A teacher's own lesson opens from a file.
 */
import { useEffect, useRef } from 'react';
import { pickScenarioFile } from '../chrome/ScenarioFile';
import { useSim } from '../store';
import { useShare } from '../share/share-store';
import { byTopic, CATALOG } from './catalog';
import { lessonHref, openSandbox, showHome } from './open-lesson';
import { useProgress, type LessonProgress } from './progress';
import { InlineMarkdown } from './Markdown';
import './lessons.css';

function progressText(p: LessonProgress | undefined, steps: number): string {
  if (!p) return 'Not started';
  if (p.finished) return 'Finished';
  return `Step ${Math.min(p.step + 1, steps)} of ${steps}`;
}

export function HomeScreen() {
  const progress = useProgress((s) => s.progress);
  const running = useSim((s) => s.session.status === 'running');
  const inLesson = useSim((s) => s.lesson.info?.name ?? null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const notice = useShare((s) => s.notice);
  const finished = CATALOG.filter((e) => progress[e.id]?.finished).length;
  return (
    <div className="home">
      <main className="home-main" aria-labelledby="home-heading">
        <h1 id="home-heading" tabIndex={-1} ref={heading}>
          Kube Playground
        </h1>
        <p className="home-lead">See how Kubernetes behaves when things break: a simulation of the real control-plane rules, in your browser.</p>
        <div role="alert" className="home-notice">
          {notice?.tone === 'problem' && notice.text}
        </div>
        <div className="home-choices">
          <section className="home-card home-sandbox" aria-labelledby="home-sandbox-h">
            <h2 id="home-sandbox-h">Sandbox</h2>
            <p>
              A running cluster of three zones with three nodes each and an ordinary application. Kill a node, cut off a zone, drain, scale, and watch what the controllers do.
            </p>
            <button type="button" className="primary" onClick={openSandbox}>
              {running && !inLesson ? 'Back to the sandbox' : 'Open the sandbox'}
            </button>
          </section>
          <section className="home-card home-lessons" aria-labelledby="home-lessons-h">
            <h2 id="home-lessons-h">Lessons</h2>
            <p>
              Guided exercises that wait for the simulation, ask you to predict, and check what you did. {finished} of {CATALOG.length} finished.
            </p>
            {inLesson && running && (
              <p>
                <button type="button" onClick={() => showHome(false)}>
                  Back to the lesson
                </button>
              </p>
            )}
            {byTopic().map(({ topic, lessons }) => (
              <section key={topic} className="home-topic" aria-labelledby={`topic-${topic}`}>
                <h3 id={`topic-${topic}`}>{topic}</h3>
                <ul className="home-lesson-list">
                  {lessons.map((entry) => {
                    const p = progress[entry.id];
                    return (
                      <li key={entry.id} className="home-lesson">
                        <a href={lessonHref(entry.id)} className="home-lesson-title">
                          {entry.title}
                        </a>
                        <span className={`home-progress${p?.finished ? ' is-finished' : ''}`}>
                          {p?.finished && <span aria-hidden="true">✓ </span>}
                          {progressText(p, entry.steps.length)}
                        </span>
                        <p className="muted">
                          <InlineMarkdown text={entry.summary} />
                        </p>
                      </li>
                    );
                  })}
                </ul>
              </section>
            ))}
            <section className="home-topic" aria-labelledby="home-own-h">
              <h3 id="home-own-h">Your own lesson</h3>
              <p className="muted">A lesson is a scenario file with a lesson section (docs/lessons.md in the project). Open it, or drop it anywhere on the page.</p>
              <button type="button" onClick={pickScenarioFile}>
                Open a lesson file…
              </button>
            </section>
          </section>
        </div>
      </main>
    </div>
  );
}
