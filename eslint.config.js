import js from '@eslint/js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';
import { layersPlugin } from './eslint/layers.js';

const root = path.dirname(fileURLToPath(import.meta.url));

export default tseslint.config(
  // test/fixtures holds real output of other tools (a k6 script among them): data, not our code.
  { ignores: ['dist/**', 'node_modules/**', 'runs/**', 'coverage/**', 'reports/samples/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // Which folder may import which: the layer table of docs/ARCHITECTURE.md.
    files: ['src/**/*.ts', 'models/**/*.ts', 'scenarios/**/*.ts'],
    plugins: { layers: layersPlugin(root) },
    rules: { 'layers/imports': 'error' },
  },
  {
    files: ['models/**/*.ts', 'src/analyze/**/*.ts'],
    rules: {
      // Pure logic: no I/O modules in models/ and src/analyze/.
      'no-restricted-imports': ['error', { patterns: ['node:fs*', 'node:net', 'node:http*', 'node:child_process', 'pg', 'fs', 'fs/*'] }],
    },
  },
);
