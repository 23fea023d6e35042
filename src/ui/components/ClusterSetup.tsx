import { useEffect, useRef, useState } from 'react';
import { sendCommand } from '../sim-client';
import { formValues, SETTING_FIELDS, settingsWarnings, validateSettings, type FormValues } from '../settings-form';
import { DEFAULT_SEED, openDefaultCluster } from '../actions';
import { rejectFile, useSim } from '../store';
import { MAX_LISTED_ERRORS, PAGE_LIMITS } from '../../kube/limits';
import { decodeScenarioBytes, fileSizeProblem } from '../../scenario/text-file';
import { ScenarioExpectations } from './ScenarioExpectations';

/** Opens a scenario file (picker or drop) and edits the control plane's settings. */
export function ClusterSetup() {
  return (
    <section aria-labelledby="setup-heading" className="panel setup">
      <h2 id="setup-heading" className="visually-hidden">
        Scenario and settings
      </h2>
      <ScenarioOpener />
      <ScenarioInfoView />
      <SettingsPanel />
    </section>
  );
}

/** Refused here by its size before it is read, then decoded as the command line decodes it. */
async function openFile(file: File): Promise<void> {
  const tooBig = fileSizeProblem(file.size, PAGE_LIMITS);
  if (tooBig) return rejectFile(file.name, tooBig);
  const decoded = decodeScenarioBytes(new Uint8Array(await file.arrayBuffer()), PAGE_LIMITS);
  if (!decoded.ok) return rejectFile(file.name, decoded.message);
  sendCommand({ type: 'boot-scenario', fileName: file.name, text: decoded.text });
}

function ScenarioOpener() {
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const depth = useRef(0);

  // The whole window is the drop zone: a file dropped anywhere opens.
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
    <div className="scenario-open">
      <button type="button" onClick={() => input.current?.click()}>
        Open scenario file…
      </button>
      <input
        ref={input}
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
      <span className="muted">or drop a file anywhere on the page. An invalid file leaves the cluster as it is.</span>
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          Drop the scenario file to open it
        </div>
      )}
    </div>
  );
}

function ScenarioInfoView() {
  const scenario = useSim((s) => s.config.scenario);
  const rejected = useSim((s) => s.config.rejected);
  return (
    <>
      <div role="alert" className={rejected ? 'banner banner-error scenario-errors' : 'banner-empty'}>
        {rejected && (
          <>
            <p>
              <strong>Could not open {rejected.fileName}</strong> ({errorCount(rejected.errors.length)}); the cluster is unchanged.
            </p>
            <ul>
              {rejected.errors.map((e, i) => (
                <li key={i}>
                  {e.line !== undefined && <strong>Line {e.line}{e.column !== undefined ? `, column ${e.column}` : ''}: </strong>}
                  {e.path && <code>{e.path}</code>}
                  {e.path && ': '}
                  {e.message}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      {scenario && (
        <div className="scenario-info">
          <div className="scenario-title">
            <p>
              <strong>Scenario:</strong> {scenario.name} <span className="muted">({scenario.fileName})</span>
            </p>
            <button type="button" onClick={openDefaultCluster}>
              Close scenario
            </button>
            <span className="muted">Reset replays this scenario from t = 0; Close scenario returns to the default cluster.</span>
          </div>
          {scenario.description && <ScenarioDescription text={scenario.description} />}
          {scenario.expectations.length > 0 && <ScenarioExpectations expectations={scenario.expectations} />}
        </div>
      )}
    </>
  );
}

/** The list holds at most MAX_LISTED_ERRORS errors and a line counting the rest. */
function errorCount(listed: number): string {
  return listed > MAX_LISTED_ERRORS ? `more than ${MAX_LISTED_ERRORS} errors` : `${listed} error${listed === 1 ? '' : 's'}`;
}

/** Up to this many characters, a description shows open; a longer one is a click away, so the expectations stay in view. */
const OPEN_DESCRIPTION_CHARS = 240;

function ScenarioDescription({ text }: { text: string }) {
  return (
    <details className="scenario-description" open={text.length <= OPEN_DESCRIPTION_CHARS}>
      <summary>About this scenario</summary>
      <p className="muted">{text}</p>
    </details>
  );
}

function SettingsPanel() {
  const config = useSim((s) => s.config.settings);
  const seed = useSim((s) => s.session.seed);
  const [values, setValues] = useState<FormValues | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [applied, setApplied] = useState('');
  const current = config ? formValues(config.current) : null;
  const shown = values ?? current;
  if (!config || !shown) return null;
  const defaults = formValues(config.defaults);
  const warnings = settingsWarnings(shown);
  const groups = [...new Set(SETTING_FIELDS.map((f) => f.group))];
  const changed = SETTING_FIELDS.filter((f) => current && shown[f.id] !== current[f.id]).length;

  const apply = (event: React.FormEvent) => {
    event.preventDefault();
    const result = validateSettings(shown);
    if (!result.ok) {
      setErrors(result.errors);
      setApplied('');
      const first = SETTING_FIELDS.find((f) => result.errors[f.id]);
      if (first) document.getElementById(`setting-${first.id}`)?.focus();
      return;
    }
    setErrors({});
    setValues(null);
    sendCommand({ type: 'boot', seed: seed ?? DEFAULT_SEED, settings: result.overrides });
    setApplied('Settings applied: the simulation restarted at t = 0 with the default cluster.');
  };

  return (
    <details className="settings">
      <summary>Settings (controller, kubelet and admission flags)</summary>
      <form onSubmit={apply} noValidate aria-describedby="settings-note">
        <p id="settings-note" className="muted">
          Defaults are upstream&apos;s. Applying restarts the simulation at t = 0 with the default cluster and these settings.
        </p>
        {groups.map((group) => (
          <fieldset key={group}>
            <legend>{group}</legend>
            {SETTING_FIELDS.filter((f) => f.group === group).map((f) => {
              const id = `setting-${f.id}`;
              const error = errors[f.id];
              return (
                <div key={f.id} className={`setting${error ? ' setting-invalid' : ''}`}>
                  <label htmlFor={id}>
                    <code>{f.flag}</code> <span className="muted">({f.unit === 'fraction' ? '0–1' : f.unit})</span>
                  </label>
                  <input
                    id={id}
                    inputMode="decimal"
                    value={shown[f.id] ?? ''}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={`${id}-help${error ? ` ${id}-error` : ''}`}
                    onChange={(e) => setValues({ ...shown, [f.id]: e.currentTarget.value })}
                  />
                  <span id={`${id}-help`} className="muted setting-help">
                    {f.help} Default {defaults[f.id]}.
                  </span>
                  {error && (
                    <span id={`${id}-error`} className="setting-error">
                      Error: {error}
                    </span>
                  )}
                </div>
              );
            })}
          </fieldset>
        ))}
        {warnings.map((w) => (
          <p key={w} className="setting-warning">
            Warning: {w}
          </p>
        ))}
        <div className="settings-actions">
          <button type="submit">Apply and restart{changed ? ` (${changed} changed)` : ''}</button>
          <button type="button" onClick={() => (setValues(defaults), setErrors({}))}>
            Upstream defaults
          </button>
          <button type="button" onClick={() => (setValues(null), setErrors({}))}>
            Undo edits
          </button>
        </div>
        <p role="status" className="muted">
          {Object.keys(errors).length > 0 ? `${Object.keys(errors).length} setting(s) need fixing; nothing was applied.` : applied}
        </p>
      </form>
    </details>
  );
}
