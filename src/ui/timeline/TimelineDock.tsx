/**
 * The charts and the timeline across the bottom of the screen (the time
 * machine). Placeholder until they land: the app shell mounts it already.
 */
export function TimelineDock() {
  return null;
}
