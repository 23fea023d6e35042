/**
 * The kubectl console: scrollback, a prompt with history (↑ ↓) and Tab
 * completion, Ctrl+C to stop a stream, Ctrl+L to clear. `-f -` opens a
 * stdin box for manifests (Ctrl+D sends, as a terminal's end of input).
 * New output is announced politely as one short sentence per command, not
 * line by line, so a `get -w` does not flood a screen reader.
 */
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useSim } from '../store';
import { complete, type NameLookup } from './completion';
import { clearScreen, interrupt, runLine, sendStdin, useConsole, type ConsoleLine } from './console-store';
import './console.css';

const names: NameLookup = (kind, namespace) => {
  const { cluster } = useSim.getState();
  const ns = namespace ?? 'default';
  if (kind === 'Node') return [...cluster.nodes.keys()];
  if (kind === 'Pod') return [...cluster.pods.values()].filter((p) => p.metadata.namespace === ns).map((p) => p.metadata.name);
  const objects = [...(cluster.others.get(kind)?.values() ?? [])];
  return objects.filter((o) => !o.metadata.namespace || o.metadata.namespace === ns).map((o) => o.metadata.name);
};

function Line({ line }: { line: ConsoleLine }) {
  return <div className={`console-line console-${line.kind}`}>{line.text === '' ? '\u00a0' : line.text}</div>;
}

export function Console() {
  const lines = useConsole((s) => s.lines);
  const running = useConsole((s) => s.running);
  const awaitingStdin = useConsole((s) => s.awaitingStdin);
  const [input, setInput] = useState('');
  const [stdin, setStdin] = useState('');
  const [candidates, setCandidates] = useState<string[]>([]);
  const [announcement, setAnnouncement] = useState('');
  const historyAt = useRef<number | null>(null);
  const draft = useRef('');
  const scroll = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const stdinRef = useRef<HTMLTextAreaElement>(null);
  const stuck = useRef(true);

  useLayoutEffect(() => {
    const el = scroll.current;
    if (el && stuck.current) el.scrollTop = el.scrollHeight;
  }, [lines]);

  // One polite sentence per burst of output, at most every 2 s.
  const announced = useRef(0);
  useEffect(() => {
    const fresh = lines.filter((l) => l.seq > announced.current && l.kind !== 'command');
    if (fresh.length === 0) return;
    const timer = setTimeout(() => {
      const last = lines.at(-1);
      announced.current = last?.seq ?? 0;
      const errors = fresh.filter((l) => l.kind === 'stderr');
      const first = fresh[0]!.text;
      setAnnouncement(fresh.length === 1 ? first : `${fresh.length} lines of output${errors.length ? `, ${errors.length} on stderr: ${errors[0]!.text}` : `: ${first}`}`);
    }, 600);
    return () => clearTimeout(timer);
  }, [lines]);

  // Focus follows the stdin box opening and closing (not the first render: opening the page must not steal focus).
  const mounted = useRef(false);
  useEffect(() => {
    if (!mounted.current) {
      mounted.current = true;
      return;
    }
    if (awaitingStdin) stdinRef.current?.focus();
    else inputRef.current?.focus({ preventScroll: true });
  }, [awaitingStdin]);

  const submit = () => {
    setCandidates([]);
    historyAt.current = null;
    runLine(input);
    setInput('');
    stuck.current = true;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const history = useConsole.getState().history;
    if (event.key === 'Enter') {
      event.preventDefault();
      submit();
    } else if (event.key === 'Tab' && input.trim() !== '') {
      event.preventDefault();
      const el = event.currentTarget;
      const at = el.selectionStart ?? input.length;
      const result = complete(input.slice(0, at), names);
      setInput(result.line + input.slice(at));
      setCandidates(result.candidates);
    } else if (event.key === 'ArrowUp' && history.length > 0) {
      event.preventDefault();
      if (historyAt.current === null) draft.current = input;
      const at = historyAt.current === null ? history.length - 1 : Math.max(0, historyAt.current - 1);
      historyAt.current = at;
      setInput(history[at]!);
    } else if (event.key === 'ArrowDown' && historyAt.current !== null) {
      event.preventDefault();
      const at = historyAt.current + 1;
      if (at >= history.length) {
        historyAt.current = null;
        setInput(draft.current);
      } else {
        historyAt.current = at;
        setInput(history[at]!);
      }
    } else if (event.ctrlKey && (event.key === 'c' || event.key === 'C') && (event.currentTarget.selectionStart === event.currentTarget.selectionEnd)) {
      event.preventDefault();
      if (running !== null) interrupt();
      else {
        setInput('');
        setCandidates([]);
      }
    } else if (event.ctrlKey && (event.key === 'l' || event.key === 'L')) {
      event.preventDefault();
      clearScreen();
    }
  };

  const onStdinKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.ctrlKey && (event.key === 'd' || event.key === 'D')) {
      event.preventDefault();
      sendStdin(stdin);
      setStdin('');
    } else if (event.ctrlKey && (event.key === 'c' || event.key === 'C') && event.currentTarget.selectionStart === event.currentTarget.selectionEnd) {
      event.preventDefault();
      interrupt();
      setStdin('');
    }
  };

  return (
    <section aria-labelledby="console-heading" className="panel console">
      <div className="panel-head">
        <h2 id="console-heading">Console</h2>
        <p className="muted" id="console-help">
          kubectl on the simulated cluster · Tab completes · ↑ ↓ history · Ctrl+C stops · Ctrl+L clears
        </p>
      </div>
      <div
        className="console-scroll"
        ref={scroll}
        role="region"
        aria-label="kubectl output"
        tabIndex={0}
        onScroll={(e) => {
          const el = e.currentTarget;
          stuck.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
        }}
        onClick={() => {
          if (!window.getSelection()?.toString()) (awaitingStdin ? stdinRef : inputRef).current?.focus({ preventScroll: true });
        }}
      >
        {lines.length === 0 ? <div className="console-line console-note">Type a kubectl command, for example: kubectl get pods</div> : null}
        {lines.map((line) => (
          <Line key={line.seq} line={line} />
        ))}
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      {candidates.length > 0 ? (
        <p className="console-candidates" id="console-candidates">
          {candidates.slice(0, 40).join('  ')}
          {candidates.length > 40 ? ` … ${candidates.length - 40} more` : ''}
        </p>
      ) : null}
      {awaitingStdin ? (
        <div className="console-stdin">
          <label htmlFor="console-stdin">
            Manifests for <code>{awaitingStdin}</code> (YAML or JSON, several separated by ---)
          </label>
          <textarea id="console-stdin" ref={stdinRef} value={stdin} onChange={(e) => setStdin(e.target.value)} onKeyDown={onStdinKeyDown} rows={8} spellCheck={false} />
          <div className="console-stdin-actions">
            <button type="button" onClick={() => (sendStdin(stdin), setStdin(''))}>
              Send (Ctrl+D)
            </button>
            <button type="button" onClick={() => (interrupt(), setStdin(''))}>
              Cancel (Ctrl+C)
            </button>
          </div>
        </div>
      ) : (
        <form
          className="console-prompt"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <label htmlFor="console-input" className="console-dollar">
            <span aria-hidden="true">$</span>
            <span className="visually-hidden">kubectl command</span>
          </label>
          <input
            id="console-input"
            ref={inputRef}
            value={input}
            onChange={(e) => {
              setInput(e.target.value);
              setCandidates([]);
            }}
            onKeyDown={onKeyDown}
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            aria-describedby={candidates.length > 0 ? 'console-help console-candidates' : 'console-help'}
            placeholder={running !== null ? 'running… Ctrl+C stops it' : 'kubectl get pods'}
          />
        </form>
      )}
    </section>
  );
}
