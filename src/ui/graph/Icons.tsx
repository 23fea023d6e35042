/**
 * The two symbols that Linux's default fonts lack (⏻ and ⏱), drawn as SVG so
 * they look the same everywhere. Decorative: the text beside them says it.
 */
export function PowerIcon() {
  return (
    <svg className="icon-svg" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d="M8 1.5v6" />
      <path d="M4.4 3.8a5.2 5.2 0 1 0 7.2 0" />
    </svg>
  );
}

export function TimerIcon() {
  return (
    <svg className="icon-svg" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d="M6 1.2h4" />
      <circle cx="8" cy="9" r="5.6" />
      <path d="M8 9V5.8" />
    </svg>
  );
}
