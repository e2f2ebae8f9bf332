// Whether output goes to a terminal: colour on stdout and the progress bar on stderr are only for people at
// a terminal, never for CI logs or files (and colour never when NO_COLOR is set, as no-color.org asks).

import type { CommandIo, Writer } from '../command.ts'

export const isTerminal = (writer: Writer): boolean => (writer as { isTTY?: boolean }).isTTY === true

export const useColour = (io: CommandIo): boolean => isTerminal(io.stdout) && (io.env.NO_COLOR ?? '') === ''
