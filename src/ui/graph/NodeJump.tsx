/**
 * "Go to node": type a node's name (or press / anywhere to get here), Enter,
 * and focus lands on its card, panned into view. Cheap at a thousand nodes:
 * the suggestions are a plain datalist.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { findNode } from './focus-order';

/** Where "/" is text, not a shortcut. */
const TYPING = 'input, select, textarea, [contenteditable]:not([contenteditable="false"])';

export function NodeJump({ names, onJump }: { names: readonly string[]; onJump: (node: string) => void }) {
  const listId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState('');

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.target instanceof Element && event.target.closest(TYPING)) return;
      event.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const query = input.current?.value ?? '';
    const found = findNode(names, query);
    if ('node' in found) {
      setMessage('');
      onJump(found.node);
    } else {
      setMessage(found.matches === 0 ? `No node matches “${query.trim()}”.` : `${found.matches} nodes match “${query.trim()}”: type more of the name.`);
    }
  };

  return (
    <form role="search" className="node-jump" aria-label="Go to node" onSubmit={onSubmit}>
      <label>
        Go to node <kbd aria-hidden="true">/</kbd>
        <input ref={input} type="search" list={listId} placeholder="zone-a-1" autoComplete="off" spellCheck={false} aria-keyshortcuts="/" />
      </label>
      <datalist id={listId}>
        {names.map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
      <button type="submit" className="small">
        Go
      </button>
      <span role="status" className="muted node-jump-status">
        {message}
      </span>
    </form>
  );
}
