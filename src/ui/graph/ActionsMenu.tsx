/**
 * A menu button (WAI-ARIA APG "menu button"): the trigger opens a list of
 * menu items; arrow keys, Home and End move, Enter or Space chooses, Escape
 * or Tab closes and returns focus to the trigger. The list is drawn in a
 * portal on the page, so it is never scaled by the graph's zoom or hidden
 * behind the next card.
 */
import { useEffect, useId, useLayoutEffect, useRef, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { createPortal } from 'react-dom';

export interface MenuAction {
  label: string;
  onSelect: () => void;
  /** Shown after the label, smaller ("power off"). */
  hint?: string;
  danger?: boolean;
  /** Opens a form: focus stays on the trigger, and the form returns it there when cancelled. */
  opensDialog?: boolean;
}

interface Props {
  /** The trigger's and the menu's accessible name: "Actions for zone-a-1". */
  label: string;
  items: readonly MenuAction[];
  open: boolean;
  onOpenChange: (open: boolean) => void;
  triggerRef: RefObject<HTMLButtonElement | null>;
  children: ReactNode;
  className?: string;
  /** -1 where something else opens the same menu from the keyboard (a node card's Enter). */
  tabIndex?: number;
  /** The trigger's place in the graph's focus order (focus-order.ts). */
  stop?: string;
  /** Where focus goes after an item runs (a node card, so its keys work at once); the trigger by default. */
  returnFocusTo?: RefObject<HTMLElement | null>;
}

export function ActionsMenu({ label, items, open, onOpenChange, triggerRef, children, className, tabIndex, stop, returnFocusTo }: Props) {
  const menuId = useId();
  return (
    <>
      <button
        ref={triggerRef}
        type="button"
        className={`menu-trigger nopan nodrag ${className ?? ''}`}
        tabIndex={tabIndex}
        data-stop={stop}
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        title={label}
        onClick={() => onOpenChange(!open)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            onOpenChange(true);
          }
        }}
      >
        {children}
      </button>
      {open && <MenuList id={menuId} label={label} items={items} triggerRef={triggerRef} returnFocusTo={returnFocusTo} onClose={() => onOpenChange(false)} />}
    </>
  );
}

function MenuList({
  id,
  label,
  items,
  triggerRef,
  returnFocusTo,
  onClose,
}: {
  id: string;
  label: string;
  items: readonly MenuAction[];
  triggerRef: RefObject<HTMLButtonElement | null>;
  returnFocusTo: RefObject<HTMLElement | null> | undefined;
  onClose: () => void;
}) {
  const menuRef = useRef<HTMLDivElement>(null);

  // Placed under the trigger, kept inside the window; focus goes to the first item.
  useLayoutEffect(() => {
    const menu = menuRef.current;
    const trigger = triggerRef.current;
    if (!menu || !trigger) return;
    const place = () => {
      const t = trigger.getBoundingClientRect();
      const m = menu.getBoundingClientRect();
      const left = Math.max(8, Math.min(t.right - m.width, window.innerWidth - m.width - 8));
      const below = t.bottom + 4;
      const top = below + m.height > window.innerHeight - 8 ? Math.max(8, t.top - m.height - 4) : below;
      menu.style.left = `${left}px`;
      menu.style.top = `${top}px`;
    };
    place();
    menu.querySelector<HTMLElement>('[role="menuitem"]')?.focus({ preventScroll: true });
    window.addEventListener('scroll', place, true);
    window.addEventListener('resize', place);
    return () => {
      window.removeEventListener('scroll', place, true);
      window.removeEventListener('resize', place);
    };
  }, [triggerRef]);

  // A press anywhere else closes the menu (and leaves focus where the press put it).
  useEffect(() => {
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node | null;
      if (menuRef.current?.contains(target) || triggerRef.current?.contains(target)) return;
      onClose();
    };
    document.addEventListener('pointerdown', onPointerDown, true);
    return () => document.removeEventListener('pointerdown', onPointerDown, true);
  }, [onClose, triggerRef]);

  const closeToTrigger = () => {
    onClose();
    triggerRef.current?.focus({ preventScroll: true });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const entries = [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = entries.indexOf(document.activeElement as HTMLElement);
    const move = (index: number) => entries[(index + entries.length) % entries.length]?.focus({ preventScroll: true });
    switch (event.key) {
      case 'ArrowDown':
        move(at + 1);
        break;
      case 'ArrowUp':
        move(at < 0 ? -1 : at - 1);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(-1);
        break;
      case 'Escape':
      case 'Tab':
        closeToTrigger();
        break;
      default:
        return;
    }
    event.preventDefault();
    event.stopPropagation();
  };

  return createPortal(
    <div ref={menuRef} id={id} role="menu" aria-label={label} className="menu" onKeyDown={onKeyDown}>
      {items.map((item) => (
        <button
          key={item.label}
          type="button"
          role="menuitem"
          tabIndex={-1}
          className={item.danger ? 'menu-item menu-item-danger' : 'menu-item'}
          aria-description={item.hint}
          onClick={() => {
            closeToTrigger();
            if (!item.opensDialog) returnFocusTo?.current?.focus({ preventScroll: true });
            item.onSelect();
          }}
        >
          <span>{item.label}</span>
          {item.hint && (
            <span className="menu-hint" aria-hidden="true">
              {item.hint}
            </span>
          )}
        </button>
      ))}
    </div>,
    document.body,
  );
}
