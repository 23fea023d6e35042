import { useState } from 'react';
import { sendCommand } from '../sim-client';
import { formValues, SETTING_FIELDS, settingsWarnings, validateSettings, type FormValues } from '../settings-form';
import { DEFAULT_SEED } from '../actions';
import { useSim } from '../store';

/** The control plane's settings: upstream's flags, validated, applied by restarting at t = 0. */
export function SettingsForm() {
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
    <div className="settings">
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
    </div>
  );
}
