/**
 * A minimal reader for the TwiML this server writes (twilio-node's VoiceResponse output): elements,
 * attributes, text, the five named entities and numeric references. Enough to walk our own call
 * flow in the preview; not a general XML parser (no DTDs, no namespaces, no CDATA).
 */

export interface TwimlElement {
  name: string;
  attributes: Record<string, string>;
  children: TwimlNode[];
}
export type TwimlNode = TwimlElement | string;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return ENTITIES[entity] ?? whole;
  });
}

const TOKEN = /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<\/([A-Za-z][\w.-]*)\s*>|<([A-Za-z][\w.-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
const ATTRIBUTE = /([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** The document's root element (`<Response>`); throws on markup it cannot make sense of. */
export function readTwiml(xml: string): TwimlElement {
  const root: TwimlElement = { name: '#document', attributes: {}, children: [] };
  const stack: TwimlElement[] = [root];
  let consumed = 0;
  for (const match of xml.matchAll(TOKEN)) {
    if (match.index !== consumed) throw new Error(`TwiML: unexpected markup at ${consumed}`);
    consumed = match.index + match[0].length;
    const [, closing, opening, attributeText = '', selfClosing, text] = match;
    const parent = stack.at(-1)!;
    if (closing) {
      if (parent.name !== closing) throw new Error(`TwiML: </${closing}> closes <${parent.name}>`);
      stack.pop();
    } else if (opening) {
      const attributes: Record<string, string> = {};
      for (const [, name = '', double, single] of attributeText.matchAll(ATTRIBUTE)) attributes[name] = decode(double ?? single ?? '');
      const element: TwimlElement = { name: opening, attributes, children: [] };
      parent.children.push(element);
      if (!selfClosing) stack.push(element);
    } else if (text !== undefined && text.trim() !== '') {
      parent.children.push(decode(text));
    }
  }
  if (consumed !== xml.length || stack.length !== 1) throw new Error('TwiML: unterminated document');
  const response = root.children.find((node): node is TwimlElement => typeof node !== 'string');
  if (!response || response.name !== 'Response') throw new Error('TwiML: the root element must be <Response>');
  return response;
}

export function elementsOf(element: TwimlElement): TwimlElement[] {
  return element.children.filter((node): node is TwimlElement => typeof node !== 'string');
}

export function textOf(element: TwimlElement): string {
  return element.children.map((node) => (typeof node === 'string' ? node : textOf(node))).join('').trim();
}
