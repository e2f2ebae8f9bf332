// Lint rules, including the import boundaries of DESIGN.md: a wrong import fails `npm test`.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] })
const kafkajsOnlyInKafka = { group: ['kafkajs', 'kafkajs/*'], message: 'kafkajs is imported only inside src/kafka/.' }

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  { files: ['src/**/*.ts'], ignores: ['src/kafka/**'], rules: restrict([kafkajsOnlyInKafka]) },
  {
    files: ['src/formats/**/*.ts'],
    rules: restrict([
      kafkajsOnlyInKafka,
      { group: ['**/registry/**', '**/http/**', '**/kafka/**', 'fastify'], message: 'formats/ must not import registry, http or kafka.' },
    ]),
  },
  {
    files: ['src/registry/service*.ts', 'src/registry/model/**/*.ts', 'src/registry/state/**/*.ts'],
    rules: restrict([
      kafkajsOnlyInKafka,
      { group: ['**/http/**', 'fastify', 'node:fs*', 'node:net', 'node:http'], message: 'the registry state machine is pure: no HTTP, no I/O.' },
    ]),
  },
  {
    files: ['src/registry/store/**/*.ts'],
    rules: restrict([
      kafkajsOnlyInKafka,
      { group: ['**/formats/**', '**/http/**'], message: 'a store moves records and knows nothing about schemas.' },
    ]),
  },
  { files: ['test/**/*.ts', 'bench/**/*.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  { files: ['bin/**/*.js', 'eslint.config.js'], languageOptions: { globals: { process: 'readonly', console: 'readonly' } } },
)
