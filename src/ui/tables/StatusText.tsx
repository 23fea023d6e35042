/** A condition status as text, with a tint that only repeats what the text says. */
export function StatusText({ status, good = 'True' }: { status: string; good?: string }) {
  const tone = status === good ? 'ok' : status === 'Unknown' ? 'warn' : 'bad';
  return <span className={`status status-${tone}`}>{status}</span>;
}
