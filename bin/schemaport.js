#!/usr/bin/env node
// The `schemaport` executable: registers tsx so the TypeScript sources run as they are (no build step),
// then hands over to the command line in src/cli/main.ts.
import { register } from 'tsx/esm/api'

register()
await import('../src/cli/main.ts')
