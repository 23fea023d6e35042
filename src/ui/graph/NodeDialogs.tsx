/**
 * The small forms behind "Add taint…", "Remove taint…" and "Set condition…":
 * one modal <dialog> for the whole graph, outside the canvas so keys typed in
 * it never reach the graph.
 */
import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { TAINT_EFFECTS, taintErrorText, validateTaint } from '../../kube/taints';
import { act } from '../actions';
import { formatTaint } from '../kube';
import { useSim } from '../store';
import { DialogContext, type DialogRequest } from './dialog-context';

/** The conditions a kubelet reports, with the status that means trouble first. */
const CONDITIONS: readonly { type: string; bad: 'True' | 'False' }[] = [
  { type: 'Ready', bad: 'False' },
  { type: 'MemoryPressure', bad: 'True' },
  { type: 'DiskPressure', bad: 'True' },
  { type: 'PIDPressure', bad: 'True' },
  { type: 'NetworkUnavailable', bad: 'True' },
];

export function DialogHost({ children }: { children: ReactNode }) {
  const [request, setRequest] = useState<{ request: DialogRequest; returnTo: HTMLElement | null } | null>(null);
  const open = useCallback((next: DialogRequest) => {
    setRequest({ request: next, returnTo: document.activeElement instanceof HTMLElement ? document.activeElement : null });
  }, []);
  const close = useCallback(() => setRequest(null), []);
  return (
    <DialogContext.Provider value={open}>
      {children}
      {request && (
        <NodeDialog key={`${request.request.kind}:${request.request.node}`} request={request.request} returnTo={request.returnTo} onClose={close} />
      )}
    </DialogContext.Provider>
  );
}

function NodeDialog({ request, returnTo, onClose }: { request: DialogRequest; returnTo: HTMLElement | null; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      if (dialog?.open) dialog.close();
    };
  }, []);
  // Closing goes through the element, so the page stops being inert before focus goes back to where it was.
  // Only a close asked for here ends the dialog: the effect's own cleanup (StrictMode runs it once in
  // development) closes the element too, and its 'close' event must not unmount the dialog.
  const closing = useRef(false);
  // Done (not cancelled): focus goes to the node's card rather than its menu button, so the card's keys work at once.
  const done = useRef(false);
  const close = () => {
    closing.current = true;
    ref.current?.close();
  };
  const title =
    request.kind === 'taint' ? `Add a taint to ${request.node}` : request.kind === 'untaint' ? `Remove a taint from ${request.node}` : `Set a condition on ${request.node}`;
  const submit = (run: () => void) => (event: FormEvent) => {
    event.preventDefault();
    run();
    done.current = true;
    close();
  };
  return (
    <dialog
      ref={ref}
      className="node-dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        close();
      }}
      onClose={() => {
        if (!closing.current) return;
        const card = done.current ? returnTo?.closest<HTMLElement>('.card[data-stop]') : null;
        (card ?? returnTo)?.focus({ preventScroll: true });
        onClose();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      {request.kind === 'taint' && <TaintForm node={request.node} submit={submit} onClose={close} />}
      {request.kind === 'untaint' && <UntaintForm node={request.node} submit={submit} onClose={close} />}
      {request.kind === 'condition' && <ConditionForm node={request.node} submit={submit} onClose={close} />}
    </dialog>
  );
}

interface FormProps {
  node: string;
  submit: (run: () => void) => (event: FormEvent) => void;
  onClose: () => void;
}

function Buttons({ onClose, submitLabel, disabled = false }: { onClose: () => void; submitLabel: string; disabled?: boolean }) {
  return (
    <div className="dialog-buttons">
      <button type="button" onClick={onClose}>
        Cancel
      </button>
      <button type="submit" className="primary" disabled={disabled}>
        {submitLabel}
      </button>
    </div>
  );
}

/** The API server's own taint validation (src/kube/taints.ts), so the dialog refuses what a scenario file would. */
function TaintForm({ node, submit, onClose }: FormProps) {
  const [key, setKey] = useState('example.com/maintenance');
  const [value, setValue] = useState('');
  const [effect, setEffect] = useState<string>('NoSchedule');
  const [tried, setTried] = useState(false);
  const id = useId();
  const trimmed = key.trim();
  const taint = { key: trimmed, ...(value.trim() ? { value: value.trim() } : {}), effect };
  const problems = validateTaint(taint);
  const problemOf = (field: 'key' | 'value') => problems.find((p) => p.field === field);
  const shown = (field: 'key' | 'value') => (tried || field === 'value' ? problemOf(field) : undefined);
  const onSubmit = (event: FormEvent) => {
    if (problems.length > 0) {
      event.preventDefault();
      setTried(true);
      return;
    }
    submit(() => act({ do: 'taint', node, taint }))(event);
  };
  const describe = (field: 'key' | 'value') => (shown(field) ? `${id}-${field}-error` : undefined);
  return (
    <form onSubmit={onSubmit} noValidate>
      <label>
        Key
        <input value={key} onChange={(e) => setKey(e.target.value)} required spellCheck={false} autoFocus aria-invalid={shown('key') ? true : undefined} aria-describedby={describe('key')} />
      </label>
      {shown('key') && (
        <p id={`${id}-key-error`} className="setting-error" role="alert">
          Error: {taintErrorText(shown('key')!)}
        </p>
      )}
      <label>
        <span>
          Value <span className="muted">(optional)</span>
        </span>
        <input value={value} onChange={(e) => setValue(e.target.value)} spellCheck={false} aria-invalid={shown('value') ? true : undefined} aria-describedby={describe('value')} />
      </label>
      {shown('value') && (
        <p id={`${id}-value-error`} className="setting-error" role="alert">
          Error: {taintErrorText(shown('value')!)}
        </p>
      )}
      <label>
        Effect
        <select value={effect} onChange={(e) => setEffect(e.target.value)}>
          {TAINT_EFFECTS.map((x) => (
            <option key={x}>{x}</option>
          ))}
        </select>
      </label>
      <p className="muted dialog-note">NoExecute evicts the node's pods that do not tolerate it.</p>
      <Buttons onClose={onClose} submitLabel="Add taint" disabled={!trimmed} />
    </form>
  );
}

function UntaintForm({ node, submit, onClose }: FormProps) {
  const taints = useSim((s) => s.cluster.nodes.get(node)?.spec.taints);
  const [chosen, setChosen] = useState(0);
  const list = taints ?? [];
  const taint = list[Math.min(chosen, list.length - 1)];
  return (
    <form onSubmit={submit(() => taint && act({ do: 'untaint', node, taint: { key: taint.key, effect: taint.effect, ...(taint.value ? { value: taint.value } : {}) } }))}>
      {list.length === 0 ? (
        <p>{node} has no taints.</p>
      ) : (
        <fieldset>
          <legend>Taint</legend>
          {list.map((t, i) => (
            <label key={`${t.key}:${t.effect}`} className="radio">
              <input type="radio" name="taint" checked={i === chosen} onChange={() => setChosen(i)} autoFocus={i === 0} />
              <code>{formatTaint(t)}</code>
            </label>
          ))}
        </fieldset>
      )}
      <p className="muted dialog-note">The node lifecycle controller puts its own taints back while their condition holds.</p>
      <Buttons onClose={onClose} submitLabel="Remove taint" disabled={!taint} />
    </form>
  );
}

function ConditionForm({ node, submit, onClose }: FormProps) {
  const [type, setType] = useState('Ready');
  const [status, setStatus] = useState<'True' | 'False' | 'Unknown'>('False');
  return (
    <form onSubmit={submit(() => act({ do: 'set-condition', node, type, status, reason: 'SetByPlayground' }))}>
      <label>
        Condition
        <select
          value={type}
          autoFocus
          onChange={(e) => {
            setType(e.target.value);
            setStatus(CONDITIONS.find((c) => c.type === e.target.value)?.bad ?? 'True');
          }}
        >
          {CONDITIONS.map((c) => (
            <option key={c.type}>{c.type}</option>
          ))}
        </select>
      </label>
      <label>
        Status
        <select value={status} onChange={(e) => setStatus(e.target.value as 'True' | 'False' | 'Unknown')}>
          <option>True</option>
          <option>False</option>
          <option>Unknown</option>
        </select>
      </label>
      <p className="muted dialog-note">
        Ready=False is NotReady; the other conditions mean trouble when True. The kubelet reports it from its next status update (every 10 s); set the
        healthy value to clear it.
      </p>
      <Buttons onClose={onClose} submitLabel="Set condition" />
    </form>
  );
}
