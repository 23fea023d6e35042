/**
 * The header's run controls: share link, export run, new cluster.
 * Placeholder until they land: the app shell mounts it already.
 */
export function RunMenu() {
  return null;
}
