import { useSyncExternalStore } from 'react';

/** Below this width the panels stack (styles.css uses the same figure). */
export const NARROW_QUERY = '(max-width: 899px)';

const query = typeof window === 'undefined' ? null : window.matchMedia(NARROW_QUERY);
const subscribe = (listener: () => void) => {
  query?.addEventListener('change', listener);
  return () => query?.removeEventListener('change', listener);
};

/** Whether the screen is narrow enough for the stacked layout. */
export function useNarrow(): boolean {
  return useSyncExternalStore(subscribe, () => query?.matches ?? false);
}
