/**
 * Property tests (fast-check) over the settings form: any text in any field
 * gives either overrides inside the ranges of src/kube/limits.ts or a clear
 * message per bad field, never an exception.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SETTING_RANGES, settingProblem } from '../kube/limits';
import { formValues, SETTING_FIELDS, validateSettings } from './settings-form';
import { DEFAULT_SETTINGS as DEFAULTS } from '../sim/config';


const text = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.double().map(String),
  fc.integer({ min: -1e6, max: 1e6 }).map(String),
  fc.constantFrom('0x10', '1e3', 'Infinity', 'NaN', '', ' ', '-0', '.5', '5.', '1_000'),
);

describe('settings form under fuzzing', () => {
  it('any values give valid overrides or a message for each bad field', () => {
    const ids = SETTING_FIELDS.map((f) => f.id);
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...ids), text), (edits) => {
        const values = { ...formValues(DEFAULTS), ...edits };
        const result = validateSettings(values);
        if (!result.ok) {
          for (const [id, message] of Object.entries(result.errors)) {
            expect(ids).toContain(id);
            expect(message.length).toBeGreaterThan(10);
            expect(message.length).toBeLessThan(300);
          }
          return;
        }
        for (const field of SETTING_FIELDS) {
          const value = Number(values[field.id]!.trim());
          const engine = SETTING_RANGES[field.id]!.kind === 'duration' ? value * 1000 : value;
          expect(settingProblem(field.id, engine)).toBeUndefined();
        }
      }),
      { numRuns: 500 },
    );
  });
});
