// The entry point of the `schemaport` executable: runs the command line of this process and sets its exit code.

import { runCli } from './program.ts'

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
})
