// A minimal XML reader for the tests: checks well-formedness (one root, matched and nested tags, quoted
// attributes, known entities, no stray `<` or `&`) and returns the element tree; throws naming the offset of
// the first error. Enough for JUnit reports; no DTDs, namespaces or CDATA.

export interface XmlElement {
  readonly name: string
  readonly attributes: Readonly<Record<string, string>>
  readonly children: XmlElement[]
  text: string
}

const NAME = '[A-Za-z_:][-A-Za-z0-9_.:]*'
const ATTRIBUTE = new RegExp(`\\s+(${NAME})\\s*=\\s*"([^"<]*)"`, 'y')
const ENTITY = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/y

export function parseXml(xml: string): XmlElement {
  let offset = 0
  const fail = (why: string): never => {
    throw new Error(`not well-formed XML at offset ${offset}: ${why}`)
  }
  const declaration = /^<\?xml[^?]*\?>\s*/.exec(xml)
  if (declaration !== null) offset = declaration[0].length
  const stack: XmlElement[] = []
  let root: XmlElement | undefined
  while (offset < xml.length) {
    if (xml.startsWith('</', offset)) {
      const close = new RegExp(`</(${NAME})\\s*>`, 'y')
      close.lastIndex = offset
      const match = close.exec(xml) ?? fail('bad closing tag')
      const open = stack.pop() ?? fail(`closing tag </${match[1]}> without an open element`)
      if (open.name !== match[1]) fail(`</${match[1]}> closes <${open.name}>`)
      offset = close.lastIndex
    } else if (xml[offset] === '<') {
      const open = new RegExp(`<(${NAME})`, 'y')
      open.lastIndex = offset
      const name = (open.exec(xml) ?? fail('bad tag'))[1]
      offset = open.lastIndex
      const attributes: Record<string, string> = {}
      for (;;) {
        ATTRIBUTE.lastIndex = offset
        const attribute = ATTRIBUTE.exec(xml)
        if (attribute === null) break
        if (attribute[1] in attributes) fail(`attribute ${attribute[1]} given twice`)
        attributes[attribute[1]] = decode(attribute[2], offset, fail)
        offset = ATTRIBUTE.lastIndex
      }
      const end = /\s*(\/?)>/y
      end.lastIndex = offset
      const closing = end.exec(xml) ?? fail(`<${name}> is not closed with >`)
      offset = end.lastIndex
      const element: XmlElement = { name, attributes, children: [], text: '' }
      if (stack.length === 0) {
        if (root !== undefined) fail('a second root element')
        root = element
      } else {
        stack[stack.length - 1].children.push(element)
      }
      if (closing[1] === '') stack.push(element)
    } else {
      const next = xml.indexOf('<', offset)
      const text = xml.slice(offset, next < 0 ? xml.length : next)
      if (stack.length === 0 && text.trim() !== '') fail('text outside the root element')
      if (stack.length > 0) stack[stack.length - 1].text += decode(text, offset, fail)
      offset += text.length
    }
  }
  if (stack.length > 0) fail(`<${stack[stack.length - 1].name}> is never closed`)
  return root ?? fail('no root element')
}

function decode(text: string, at: number, fail: (why: string) => never): string {
  for (let i = text.indexOf('&'); i >= 0; i = text.indexOf('&', i + 1)) {
    ENTITY.lastIndex = i
    if (!ENTITY.test(text)) fail(`a bare & at offset ${at + i}`)
  }
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-fA-F]+);/g, (_, code: string) => String.fromCodePoint(parseInt(code, 16)))
    .replace(/&amp;/g, '&')
}
