/**
 * Opening a scenario file: one hidden file input for the whole page (the
 * Scenario menu's "Open scenario file…" clicks it) and the window as a drop
 * zone. An invalid file is reported by the worker and leaves the cluster as
 * it is (see ScenarioRejected).
 */
import { useEffect, useRef, useState } from 'react';
import { bootFile } from '../lessons/open-lesson';
import { rejectFile, useSim } from '../store';
import { MAX_LISTED_ERRORS, PAGE_LIMITS } from '../../kube/limits';
import { decodeScenarioBytes, fileSizeProblem } from '../../scenario/text-file';

let input: HTMLInputElement | null = null;

/** Opens the file picker. */
export function pickScenarioFile(): void {
  input?.click();
}

/** Refused here by its size before it is read, then decoded as the command line decodes it. */
async function openFile(file: File): Promise<void> {
  const tooBig = fileSizeProblem(file.size, PAGE_LIMITS);
  if (tooBig) return rejectFile(file.name, tooBig);
  const decoded = decodeScenarioBytes(new Uint8Array(await file.arrayBuffer()), PAGE_LIMITS);
  if (!decoded.ok) return rejectFile(file.name, decoded.message);
  // A lesson file too: the worker reads its lesson section (src/worker/lesson.ts).
  bootFile({ type: 'boot-scenario', fileName: file.name, text: decoded.text });
}

/** The page-wide drop zone and the hidden input behind "Open scenario file…". */
export function ScenarioFile() {
  const [dragging, setDragging] = useState(false);
  const depth = useRef(0);

  useEffect(() => {
    const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;
    const onEnter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth.current++;
      setDragging(true);
    };
    const onLeave = () => {
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setDragging(false);
    };
    const onOver = (e: DragEvent) => {
      if (hasFiles(e)) e.preventDefault();
    };
    const onDrop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth.current = 0;
      setDragging(false);
      const file = e.dataTransfer?.files[0];
      if (file) void openFile(file);
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('dragover', onOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('drop', onDrop);
    };
  }, []);

  return (
    <>
      <input
        ref={(el) => {
          input = el;
        }}
        hidden
        type="file"
        accept=".yaml,.yml,.json,text/yaml,application/json"
        aria-label="Scenario file"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          if (file) void openFile(file);
          e.currentTarget.value = '';
        }}
      />
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          Drop the scenario file to open it
        </div>
      )}
    </>
  );
}

/** A file that could not be opened: its errors, where the user is looking (the top of the stage). */
export function ScenarioRejected() {
  const rejected = useSim((s) => s.config.rejected);
  return (
    <div role="alert" className={rejected ? 'banner banner-error scenario-errors' : 'banner-empty'}>
      {rejected && (
        <>
          <p>
            <strong>Could not open {rejected.fileName}</strong> ({errorCount(rejected.errors.length)}); the cluster is unchanged.
          </p>
          <ul>
            {rejected.errors.map((e, i) => (
              <li key={i}>
                {e.line !== undefined && (
                  <strong>
                    Line {e.line}
                    {e.column !== undefined ? `, column ${e.column}` : ''}:{' '}
                  </strong>
                )}
                {e.path && <code>{e.path}</code>}
                {e.path && ': '}
                {e.message}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** The list holds at most MAX_LISTED_ERRORS errors and a line counting the rest. */
function errorCount(listed: number): string {
  return listed > MAX_LISTED_ERRORS ? `more than ${MAX_LISTED_ERRORS} errors` : `${listed} error${listed === 1 ? '' : 's'}`;
}
