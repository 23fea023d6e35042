/**
 * `?embed`: the page as a docs page or a course frames it, with no chrome
 * but the graph, the clock and the play controls (EmbedApp.tsx), and a link
 * to the same run in the full playground. An embedded page neither opens
 * nor overwrites the visitor's saved session: it is someone else's page.
 */
import { currentRunState } from './share/share-store';
import { encodeLink } from './share/link-codec';

export const isEmbed = (search: string): boolean => new URLSearchParams(search).has('embed');

export const EMBED = typeof location !== 'undefined' && isEmbed(location.search);

/** The address without `embed`, with the run shown now as its share fragment (none: the address as it is). */
export function fullPlaygroundUrl(href: string): string {
  const url = new URL(href);
  url.searchParams.delete('embed');
  url.hash = '';
  const base = url.toString();
  const state = currentRunState();
  if (!state) return base;
  try {
    return encodeLink(state, base);
  } catch {
    // Too large for a link: the full playground opens the same address without the run.
    return base;
  }
}
