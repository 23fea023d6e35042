import { useId, useState, type FormEvent, type ReactNode } from 'react';

/**
 * A whole-number field with its button (Scale, Set): it shows `value` until
 * edited; `parse` either gives the number to send or names what is wrong,
 * inline, and nothing is sent.
 */
export function CountForm({
  label,
  hideLabel = false,
  value,
  size,
  button,
  buttonLabel,
  parse,
  onSubmit,
}: {
  label: ReactNode;
  hideLabel?: boolean;
  value: string;
  size: number;
  button: string;
  buttonLabel: string;
  parse: (text: string) => number | { error: string };
  onSubmit: (count: number) => void;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parse(draft ?? value);
    if (typeof parsed !== 'number') {
      setError(parsed.error);
      return;
    }
    setError(null);
    setDraft(null);
    onSubmit(parsed);
  };
  return (
    <form className={`scale-form${error ? ' scale-invalid' : ''}`} onSubmit={submit} noValidate>
      <label htmlFor={`${id}-count`} className={hideLabel ? 'visually-hidden' : undefined}>
        {label}
      </label>
      <input
        id={`${id}-count`}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        size={size}
        value={draft ?? value}
        onChange={(e) => {
          setDraft(e.target.value);
          setError(null);
        }}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      <button type="submit" className="small" aria-label={buttonLabel}>
        {button}
      </button>
      {error && (
        <span id={`${id}-error`} role="alert" className="scale-error">
          {error}
        </span>
      )}
    </form>
  );
}
