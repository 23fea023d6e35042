// @ts-check
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const DETERMINISM = 'src/sim must be deterministic: use the virtual clock / seeded RNG';

export default defineConfig(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      globals: { ...globals.browser, ...globals.node },
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['src/sim/**/*.ts'],
    ignores: ['src/sim/**/*.test.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...[
          'setTimeout',
          'setInterval',
          'setImmediate',
          'clearTimeout',
          'clearInterval',
          'queueMicrotask',
          'performance',
          'requestAnimationFrame',
        ].map((name) => ({ name, message: DETERMINISM })),
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: DETERMINISM },
        { object: 'Math', property: 'random', message: DETERMINISM },
        { object: 'performance', property: 'now', message: DETERMINISM },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: DETERMINISM },
      ],
    },
  },
  // The UI and the protocol see the engine through types only; the worker owns it.
  // (The UI's tests may read the engine's defaults, to check the page agrees with them.)
  {
    files: ['src/ui/**/*.{ts,tsx}', 'src/protocol/**/*.ts'],
    ignores: ['src/ui/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)sim(/|$)',
              allowTypeImports: true,
              message: 'src/ui and src/protocol may import only types from src/sim: talk to the engine through protocol messages.',
            },
            {
              regex: '(^|/)worker(/|$)',
              message: 'src/ui talks to the worker through protocol messages only.',
            },
          ],
        },
      ],
    },
  },
  // src/kube is the pure vocabulary every layer imports (names, taints, limits): it imports only itself.
  {
    files: ['src/kube/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^\\.\\.(/|$)', message: 'src/kube is imported by every layer and imports none of them.' },
            { regex: '^(?!\\.(/|$))', message: 'src/kube stays pure: no npm packages or Node APIs.' },
          ],
        },
      ],
    },
  },
  // src/sim imports only itself and src/kube, plus type-only imports of kubernetes-types.
  // "Outside src/sim" depends on how deep the importing file is, hence one block per depth.
  ...[0, 1, 2, 3, 4, 5].map((depth) => /** @type {import('eslint').Linter.Config} */ ({
    files: [`src/sim/${'*/'.repeat(depth)}*.ts`],
    ignores: ['src/sim/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(\\.\\.(/|$)){${depth + 1}}(?!kube(/|$))`,
              message: 'src/sim must not import from outside src/sim (except the pure src/kube).',
            },
            {
              // Any bare specifier (npm package or Node builtin) except kubernetes-types.
              regex: '^(?!\\.{1,2}(/|$)|kubernetes-types(/|$))',
              message: 'src/sim must stay pure and environment-neutral: no npm packages or Node APIs.',
            },
            {
              regex: '^kubernetes-types(/|$)',
              allowTypeImports: true,
              message: 'Only type-only imports of kubernetes-types are allowed in src/sim.',
            },
          ],
        },
      ],
    },
  })),
);
