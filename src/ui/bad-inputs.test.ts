/**
 * The corpus's page inputs (src/corpus/bad-inputs.ts) through the page's own
 * readers: the address, the settings form, "Add taint…", and the API
 * server's name and label validation the page shares with the engine.
 */
import { describe, expect, it } from 'vitest';
import { BAD_ADDRESSES, BAD_FILES, BAD_LABEL_KEYS, BAD_LABEL_VALUES, BAD_NODE_NAMES, BAD_SETTINGS, BAD_TAINT_INPUTS } from '../corpus/bad-inputs';
import { validateLabelValue, validateQualifiedName, validateSubdomain } from '../kube/names';
import { taintErrorText, validateTaint } from '../kube/taints';
import { bootCommandFromSearch } from './chrome/large-cluster';
import { formValues, validateSettings } from './settings-form';
import { DEFAULT_SETTINGS as DEFAULTS } from '../sim/config';


describe('the corpus of bad page inputs', () => {
  it('holds at least 150 bad inputs in all', () => {
    const total = BAD_FILES.length + BAD_ADDRESSES.length + BAD_SETTINGS.length + BAD_TAINT_INPUTS.length + BAD_LABEL_KEYS.length + BAD_LABEL_VALUES.length + BAD_NODE_NAMES.length;
    expect(total).toBeGreaterThanOrEqual(150);
  });

  it.each(BAD_ADDRESSES)('address %s is refused with a message and the default cluster boots', (search, message) => {
    const { command, problems } = bootCommandFromSearch(search, 1);
    expect(command).toEqual({ type: 'boot', seed: 1 });
    expect(problems[0]).toContain(message);
  });

  it.each(BAD_SETTINGS)('setting %s = %j is refused', (field, text, message) => {
    const result = validateSettings({ ...formValues(DEFAULTS), [field]: text });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[field]).toContain(message);
  });

  it.each(BAD_TAINT_INPUTS)('taint key %j value %j is refused as the API server refuses it', (key, value, message) => {
    const problems = validateTaint({ key, ...(value ? { value } : {}), effect: 'NoSchedule' });
    expect(problems.map(taintErrorText).join('\n')).toContain(message);
  });

  it.each(BAD_LABEL_KEYS)('label key %j', (key, message) => expect(validateQualifiedName(key).join('\n')).toContain(message));
  it.each(BAD_LABEL_VALUES)('label value %j', (value, message) => expect(validateLabelValue(value).join('\n')).toContain(message));
  it.each(BAD_NODE_NAMES)('node name %j', (name, message) => expect(validateSubdomain(name).join('\n')).toContain(message));
});
