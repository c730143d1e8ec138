// @ts-check
// `npm run lint`: type-aware typescript-eslint over every TypeScript source, then `prettier --check .`.
// Formatting is Prettier's alone: neither @eslint/js nor typescript-eslint's recommended sets
// contain layout rules, so the two never disagree (no eslint-config-prettier needed).
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const root = import.meta.dirname;

/** recommendedTypeChecked, adjusted for this code base (type-graphql, TypeORM, Apollo, express, React). */
const typeChecked = {
  extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
  rules: {
    // `_`-prefixed names are deliberately unused: type-graphql's `@Root() _parent`, a rest
    // sibling that drops a field (`{ stacktrace: _omit, ...rest }`), an interface's argument.
    '@typescript-eslint/no-unused-vars': [
      'error',
      { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
    ],
    // Apollo plugin hooks, type-graphql resolvers, TypeORM subscribers and DataLoader batch
    // functions return promises by contract; `async` without `await` is how they say so.
    '@typescript-eslint/require-await': 'off',
    // Express 5 forwards a rejected handler's error to the error handler, and React ignores an
    // event handler's result: a promise where void is expected is not a bug in those two places.
    // Promises in conditions and spreads still are.
    '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
    // Every text input is refused when it holds a control character (graphql/validate.ts): the
    // control characters in those patterns are the point, written as escapes, never by accident.
    'no-control-regex': 'off',
  },
};

export default defineConfig(
  globalIgnores([
    '**/node_modules/**',
    '**/dist/**',
    'coverage/**',
    'data/**',
    'test-output/**',
    // Written by `npm run codegen`; `check:codegen` guards it.
    'clients/typescript/generated.ts',
    'clients/web/src/graphql/generated.ts',
  ]),

  // Server, tools and tests: one program from the root tsconfig.json, which includes the tests
  // and maps @ecg/* to their sources. One program for every file is much quicker on two cores
  // than a program per workspace, and needs no build first (the workspace tsconfigs would read
  // the packages' possibly stale dist/*.d.ts).
  {
    files: ['**/*.ts'],
    ignores: ['clients/web/**'],
    ...typeChecked,
    languageOptions: {
      parserOptions: { project: './tsconfig.json', tsconfigRootDir: root },
      globals: globals.node,
    },
  },

  // The web app: its own tsconfig (DOM, JSX, bundler resolution), and the rules of hooks.
  {
    files: ['clients/web/src/**/*.{ts,tsx}'],
    extends: [...typeChecked.extends, reactHooks.configs.flat.recommended],
    languageOptions: {
      parserOptions: { project: './clients/web/tsconfig.json', tsconfigRootDir: root },
      globals: globals.browser,
    },
    rules: {
      ...typeChecked.rules,
      // react-router 7 types `navigate()` as `void | Promise<void>` for its data routers; this
      // app's declarative router never returns a promise there, so there is nothing to await.
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', name: 'NavigateFunction', package: 'react-router' }] },
      ],
    },
  },

  // Tests read untyped JSON answers (`GraphQLResponse<any>`) on purpose: asserting on them is
  // the test. Member access on `any` and jest's `expect(obj.method)` are normal there.
  {
    files: ['test/**/*.ts', '**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
      // A failure message may show an array (`${[1, 2]}` is "1,2"): that is what it is for.
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        {
          allowAny: true,
          allowArray: true,
          allowBoolean: true,
          allowNullish: true,
          allowNumber: true,
          allowRegExp: true,
        },
      ],
    },
  },

  // The Vite config sits outside every tsconfig: syntax-level rules only.
  {
    files: ['clients/web/vite.config.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: { globals: globals.node },
  },

  // Plain JavaScript: jest hooks (CommonJS) and the browser script that starts GraphiQL.
  {
    files: ['**/*.{js,cjs,mjs}'],
    extends: [js.configs.recommended],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
  },
  { files: ['**/*.mjs'], languageOptions: { sourceType: 'module' } },
  {
    files: ['gateway/public/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: { ...globals.browser, React: 'readonly', ReactDOM: 'readonly', GraphiQL: 'readonly' },
    },
  },
);
