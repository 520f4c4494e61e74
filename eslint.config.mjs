// ESLint with typescript-eslint's type-checked rules over the TypeScript sources; Prettier
// owns formatting (prettier.config.mjs), so no stylistic rules here. `npm run lint`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.tools/**',
      '**/cdktf.out/**',
      // Written by generators (protocol code, CDK bindings); checked by their own tests.
      'src/plugin/protocol/generated/**',
      'src/cdktf/generated/**',
      'src/cdktn/generated/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Handlers implement promise-returning interfaces (ProviderService, ManagedResource); many answer without awaiting.
      '@typescript-eslint/require-await': 'off',
      // An unused argument named with a leading underscore documents a required signature.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // The provider loads these parts on first use, not at start-up (docs/performance.md, "Provider start-up"), and
    // scripts/build.mjs splits the bundle where they are required: a synchronous require is the point.
    files: ['src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-require-imports': [
        'error',
        { allow: ['^\\./(go-plugin-services|tfplugin[56]-server|tls-cert|provider)$', '^node:http2$', '^\\.\\./engine/engine$'] },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        __dirname: 'readonly',
        module: 'writable',
        require: 'readonly',
        fetch: 'readonly',
      },
    },
  },
);
