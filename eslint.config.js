// Lint rules, including the import boundaries of the architecture:
// db/ never imports electron; the renderer imports from db/ only the contract and pure helpers (db/shared).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', '.native/**', 'screenshots/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat['recommended-latest'],
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer talks to the app only through the preload bridge.' },
            { name: 'better-sqlite3', message: 'The renderer reaches the register only through the API.' },
          ],
          patterns: [
            {
              regex: '(^|/)db/(?!contract$|shared/)',
              message: 'From db/ the renderer may import only db/contract and db/shared/* (pure helpers).',
            },
            { regex: '(^|/)(electron|tests|scripts)/', message: 'The renderer may not import main-process, test or script code.' },
            { regex: '^node:', message: 'The renderer runs in a sandboxed page: no Node modules.' },
          ],
        },
      ],
    },
  },
  {
    files: ['db/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'db/ runs under plain Node (tests, harness) as well as in the app: no electron.' }],
          patterns: [{ regex: '(^|/)(electron|renderer)/', message: 'db/ does not depend on the app shell or the renderer.' }],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    files: ['tests/**/*.{ts,tsx}'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
