// ESLint for every TypeScript file of the workspace: typescript-eslint's recommended rules,
// no import cycles (through relative `.ts` imports and the @pve-chainguard/* packages alike)
// and at most 300 lines a file, counted like `wc -l`. Generated data is listed, with its
// marker, in scripts/lint/generated-data.json and is exempt from the line limit.
import { readFileSync } from 'node:fs';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

const generated = JSON.parse(readFileSync(new URL('./scripts/lint/generated-data.json', import.meta.url), 'utf8'));

export default tseslint.config(
  // lint-fixtures hold planted findings that packages/testkit/test/repo/lintConfig.test.ts expects.
  { ignores: ['**/node_modules/**', 'dist/**', 'tmp/**', 'generated/**', 'fixtures/**', 'oracle/**', '**/lint-fixtures/**'] },
  { files: ['**/*.{js,mjs}'], ...js.configs.recommended, languageOptions: { globals: globals.node } },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommended],
    rules: {
      // A leading underscore marks a parameter or binding kept on purpose (an interface's
      // signature, a rest sibling left out), as tsc's noUnusedLocals already allows.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['**/*.{ts,js,mjs}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      // Workspace packages resolve through their node_modules symlink and `exports` to the
      // .ts sources; the symlink is followed, so a cycle across packages is seen as one.
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.mjs', '.json'], conditionNames: ['import', 'default'] })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: false }],
      // An import that does not resolve would hide a cycle: fail on it instead.
      'import-x/no-unresolved': 'error',
      'max-lines': ['error', { max: 300, skipBlankLines: false, skipComments: false }],
    },
  },
  { files: generated.files, rules: { 'max-lines': 'off' } },
);
