// @ts-check
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

const testFiles = [
  '**/*.spec.ts',
  '**/*.int-spec.ts',
  '**/*.e2e-spec.ts',
  '**/*.fixture.ts',
  'e2e/**/*.ts',
  'libs/testing/**/*.ts',
  'apps/*/src/testing/**/*.ts',
  'libs/*/src/testing/**/*.ts',
  'bench/**/*.ts',
];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.nx/**', 'coverage/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
      '@typescript-eslint/unbound-method': 'off',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@webbyflow/*/src', '@webbyflow/*/src/**'], message: 'Enter a lib through its index only.' },
            { group: ['@webbyflow/testing'], message: 'The test kit is for tests only.' },
            {
              group: [
                '@webbyflow/gateway',
                '@webbyflow/orchestrator',
                '@webbyflow/browser-svc',
                '@webbyflow/llm-svc',
                '@webbyflow/artifact-svc',
              ],
              message: 'No app imports another app; move shared code to libs/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: testFiles,
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-restricted-imports': 'off',
    },
  },
  // Relative imports may move around inside a project's src/ but never climb out of it: another
  // project is reached only as @webbyflow/<name> through its index (see docs/ARCHITECTURE.md).
  ...[1, 2, 3, 4, 5].map((depth) => ({
    files: [`{apps,libs}/*/src/${'*/'.repeat(depth - 1)}*.ts`],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: `ImportDeclaration[source.value=/^(\\.\\.\\/){${depth},}/]`,
          message: 'This import climbs out of the project; use @webbyflow/<lib>.',
        },
      ],
    },
  })),
  prettier,
);
