// Finds the Java runtime that runs the broker ($JAVA_HOME/bin/java, else `java` on PATH) and checks its
// version, so a missing or old Java is reported in one sentence instead of a JVM stack trace.
import { execFile } from 'node:child_process'
import { join } from 'node:path'

/** Kafka 3.9 brokers run on Java 11 or newer; the project tests on 17. */
const MIN_JAVA = 11

export async function findJava(): Promise<string> {
  const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java'
  const where = process.env.JAVA_HOME ? `${java} (from JAVA_HOME)` : '`java` on PATH'
  let output: string
  try {
    output = await new Promise<string>((resolve, reject) =>
      execFile(java, ['-version'], (error, stdout, stderr) => (error ? reject(error) : resolve(`${stdout}${stderr}`))),
    )
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT'
    throw new Error(
      `The Kafka broker needs Java ${MIN_JAVA} or newer (17 recommended), and ` +
        (missing ? `there is no ${where}` : `${where} failed: ${(error as Error).message}`) +
        '. Install a JDK or JRE (for example `apt-get install openjdk-17-jre-headless`) or set JAVA_HOME.',
      { cause: error },
    )
  }
  const match = /version "(\d+)(?:\.(\d+))?/.exec(output)
  // Java 8 and older report "1.8.0_…".
  const major = match === null ? NaN : match[1] === '1' ? Number(match[2]) : Number(match[1])
  if (!(major >= MIN_JAVA)) {
    throw new Error(
      `The Kafka broker needs Java ${MIN_JAVA} or newer (17 recommended); ${where} is ` +
        `${match === null ? 'of an unknown version' : `Java ${major}`}. Install a newer one or point JAVA_HOME at it.`,
    )
  }
  return java
}
