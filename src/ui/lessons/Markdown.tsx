/**
 * Lesson markdown on the page. renderLessonMarkdown (src/lessons/markdown.ts)
 * shows raw HTML as text, drops unsafe links and loads no image, so its
 * output is safe to set as HTML.
 */
import { useMemo } from 'react';
import { renderLessonInline, renderLessonMarkdown } from '../../lessons/markdown';

export function Markdown({ text, className }: { text: string; className?: string }) {
  const html = useMemo(() => renderLessonMarkdown(text), [text]);
  return <div className={className ?? 'lesson-md'} dangerouslySetInnerHTML={{ __html: html }} />;
}

export function InlineMarkdown({ text }: { text: string }) {
  const html = useMemo(() => renderLessonInline(text), [text]);
  return <span dangerouslySetInnerHTML={{ __html: html }} />;
}
