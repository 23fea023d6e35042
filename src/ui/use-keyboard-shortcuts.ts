import { useEffect } from 'react';
import { togglePlay } from './actions';

/** Where Space already means something: typing, choosing, pressing. */
const SPACE_TAKEN = 'input, select, textarea, button, a[href], summary, [contenteditable]:not([contenteditable="false"]), [role="button"]';

export function useKeyboardShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== ' ' || event.repeat || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      if (event.target instanceof Element && event.target.closest(SPACE_TAKEN)) return;
      event.preventDefault();
      togglePlay();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
