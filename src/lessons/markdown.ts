/**
 * Lesson text is markdown written by any teacher, so it is rendered with
 * everything that could run code turned off: markdown-it with `html: false`
 * (raw HTML is shown as text, never parsed), its link validation (no
 * `javascript:`, `vbscript:`, `file:` or `data:` URLs), no images, and links
 * that open outside the page. Attributes other than href, title, target and
 * rel are never produced, so there is no `on*` handler to inject.
 */
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt('commonmark', { html: false, linkify: false, typographer: false });
// The commonmark preset has tables off; lessons use them for timelines.
md.enable('table');
// An image would be a request to another host (the site requests nothing from
// other hosts, and a teacher's file must not make it); `![alt](src)` stays text.
md.disable('image');

const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!;
  // A lesson never navigates the playground away from itself.
  token.attrSet('target', '_blank');
  token.attrSet('rel', 'noopener noreferrer');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/** HTML for a lesson's markdown text, safe to set as innerHTML. */
export function renderLessonMarkdown(text: string): string {
  return md.render(text);
}

/** HTML for one line of markdown (a choice, a goal): no surrounding paragraph. */
export function renderLessonInline(text: string): string {
  return md.renderInline(text);
}
