/**
 * A header button that shows a panel under it (a disclosure, not an ARIA
 * menu: the panels hold forms and buttons). Escape or a press elsewhere
 * closes it; Escape puts focus back on the button. The panel stays mounted
 * while closed, so a half-edited form survives a stray click.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

interface Props {
  /** The button's text (its accessible name). */
  label: string;
  /** The panel's accessible name. */
  title: string;
  /** Which edge of the button the panel lines up with. */
  align?: 'start' | 'end';
  className?: string;
  children: (close: () => void) => ReactNode;
}

export function Popover({ label, title, align = 'start', className, children }: Props) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const close = () => setOpen(false);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('pointerdown', onPointerDown, true);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown, true);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [open]);

  return (
    <div ref={root} className={`popover-root${className ? ` ${className}` : ''}`}>
      <button ref={button} type="button" className="popover-button" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>
        {label}
        <span className="caret" aria-hidden="true" />
      </button>
      <div id={panelId} role="group" aria-label={title} className={`popover popover-${align}`} hidden={!open}>
        {children(close)}
      </div>
    </div>
  );
}
