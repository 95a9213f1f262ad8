// ESLint with typescript-eslint's recommended rules over the sources, tests, benches and examples
// (syntax-only rules: type-aware ones would double the run time). Three rules are adjusted to what the
// code deliberately does; `npm run lint` runs it and CI runs that.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'build/', 'docs/', 'node_modules/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // `{}` is the type of "no variables" in the typed templates (Route<{}>): a deliberate empty object type.
      '@typescript-eslint/no-empty-object-type': ['error', { allowObjectTypes: 'always' }],
      // tsc's noUnusedLocals and noUnusedParameters check this already, with the `_` convention.
      '@typescript-eslint/no-unused-vars': 'off',
      // Control characters are matched on purpose where request values are escaped or refused.
      'no-control-regex': 'off',
    },
  },
);
