// A small glob matcher for payload patterns (Node 20 has no stable fs.glob): `*` and `?` within a path
// segment, `**` for any number of folders, `{a,b}` alternatives and `[...]` classes. The walk goes segment by
// segment, so it only reads the folders a pattern can reach; like a shell, wildcards skip names starting with a dot.

import type { Dirent } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import path from 'node:path'

/** Whether `text` holds a glob character and so is a pattern rather than a path. */
export const isGlob = (text: string): boolean => /[*?{[]/.test(text)

/** The files matching an absolute `pattern`, sorted. */
export async function expandGlob(pattern: string): Promise<string[]> {
  const segments = pattern.split(/[\\/]+/)
  const firstGlob = segments.findIndex(isGlob)
  const base = segments.slice(0, firstGlob).join(path.sep) || path.sep
  const found = new Set<string>()
  await walk(base, segments.slice(firstGlob), found)
  return [...found].sort()
}

async function walk(dir: string, segments: readonly string[], found: Set<string>): Promise<void> {
  const [head, ...rest] = segments
  if (head === '**') {
    if (rest.length > 0) await walk(dir, rest, found)
    for (const entry of await entries(dir)) {
      if (!entry.name.startsWith('.') && (await kind(dir, entry)) === 'dir') await walk(path.join(dir, entry.name), segments, found)
    }
    return
  }
  const matcher = segmentMatcher(head)
  for (const entry of await entries(dir)) {
    if (!matcher.test(entry.name) || (entry.name.startsWith('.') && !head.startsWith('.'))) continue
    const entryKind = await kind(dir, entry)
    if (rest.length === 0 && entryKind === 'file') found.add(path.join(dir, entry.name))
    else if (rest.length > 0 && entryKind === 'dir') await walk(path.join(dir, entry.name), rest, found)
  }
}

async function entries(dir: string): Promise<Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true })
  } catch {
    return []
  }
}

/** A directory entry's kind, following symbolic links. */
async function kind(dir: string, entry: Dirent): Promise<'file' | 'dir' | 'other'> {
  if (entry.isSymbolicLink()) {
    const target = await stat(path.join(dir, entry.name)).catch(() => undefined)
    return target?.isFile() ? 'file' : target?.isDirectory() ? 'dir' : 'other'
  }
  return entry.isFile() ? 'file' : entry.isDirectory() ? 'dir' : 'other'
}

/** The regular expression of one path segment. */
function segmentMatcher(segment: string): RegExp {
  let source = ''
  for (let i = 0; i < segment.length; i++) {
    const char = segment[i]
    if (char === '*') source += '[^/]*'
    else if (char === '?') source += '[^/]'
    else if (char === '{') {
      const end = segment.indexOf('}', i)
      if (end < 0) {
        source += '\\{'
        continue
      }
      source += `(?:${segment
        .slice(i + 1, end)
        .split(',')
        .map((alternative) => alternative.replace(/[.+^${}()|[\]\\*?]/g, '\\$&'))
        .join('|')})`
      i = end
    } else if (char === '[') {
      const end = segment.indexOf(']', i + 1)
      if (end < 0) {
        source += '\\['
        continue
      }
      const body = segment.slice(i + 1, end)
      source += `[${body.startsWith('!') ? `^${body.slice(1)}` : body}]`
      i = end
    } else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&')
  }
  return new RegExp(`^${source}$`)
}
