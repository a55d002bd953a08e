// A small, strict XML parser for TwiML documents. Twilio rejects malformed XML with error 12100
// ("Document parse failure"), so the emulator must reject everything a conforming parser would:
// mismatched or unclosed tags, bad entities, duplicate attributes, text outside the root, DOCTYPEs,
// and anything (even whitespace) before the XML declaration.

export interface XmlElement {
  readonly type: 'element';
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlNode[];
}

export interface XmlText {
  readonly type: 'text';
  readonly text: string;
}

export type XmlNode = XmlElement | XmlText;

export class XmlParseError extends Error {
  readonly position: number;

  constructor(message: string, position: number) {
    super(`${message} at offset ${position}`);
    this.name = 'XmlParseError';
    this.position = position;
  }
}

const NAME_START = /[A-Za-z_:\u00C0-\uFFFF]/;
const NAME_CHAR = /[A-Za-z0-9_:.\-\u00B7\u00C0-\uFFFF]/;
const PREDEFINED_ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Parses a whole document and returns its root element. */
export function parseXml(source: string): XmlElement {
  const parser = new Parser(source);
  return parser.document();
}

/** The concatenated text of an element and its descendants (SSML inside `<Say>` included). */
export function textContent(node: XmlNode): string {
  if (node.type === 'text') return node.text;
  return node.children.map(textContent).join('');
}

export function childElements(element: XmlElement): XmlElement[] {
  return element.children.filter((child): child is XmlElement => child.type === 'element');
}

class Parser {
  private readonly source: string;
  private position = 0;

  constructor(source: string) {
    this.source = source;
  }

  document(): XmlElement {
    if (this.source.startsWith('\uFEFF')) this.position = 1;
    if (this.lookingAt('<?xml')) this.declaration();
    this.misc();
    if (this.lookingAt('<!DOCTYPE')) this.fail('DOCTYPE is not allowed');
    if (!this.lookingAt('<')) this.fail('Expected the root element');
    const root = this.element();
    this.misc();
    if (this.position < this.source.length) this.fail('Content after the root element');
    return root;
  }

  private declaration(): void {
    const end = this.source.indexOf('?>', this.position);
    if (end < 0) this.fail('Unterminated XML declaration');
    const body = this.source.slice(this.position + 5, end);
    if (!/^\s+version\s*=\s*(["'])1\.[0-9]\1(\s+encoding\s*=\s*(["'])[A-Za-z][A-Za-z0-9._-]*\3)?(\s+standalone\s*=\s*(["'])(yes|no)\5)?\s*$/.test(body)) {
      this.fail('Malformed XML declaration');
    }
    this.position = end + 2;
  }

  /** Whitespace, comments and processing instructions allowed around the root. */
  private misc(): void {
    for (;;) {
      this.skipWhitespace();
      if (this.lookingAt('<!--')) this.comment();
      else if (this.lookingAt('<?')) this.processingInstruction();
      else return;
    }
  }

  private comment(): void {
    const end = this.source.indexOf('-->', this.position + 4);
    if (end < 0) this.fail('Unterminated comment');
    if (this.source.slice(this.position + 4, end).includes('--')) this.fail('"--" inside a comment');
    this.position = end + 3;
  }

  private processingInstruction(): void {
    if (/^<\?xml[\s?]/i.test(this.source.slice(this.position, this.position + 6))) {
      this.fail('XML declaration not at the start of the document');
    }
    const end = this.source.indexOf('?>', this.position);
    if (end < 0) this.fail('Unterminated processing instruction');
    this.position = end + 2;
  }

  private element(): XmlElement {
    this.expect('<');
    const name = this.name();
    const attributes: Record<string, string> = {};
    for (;;) {
      const hadSpace = this.skipWhitespace();
      if (this.lookingAt('/>')) {
        this.position += 2;
        return { type: 'element', name, attributes, children: [] };
      }
      if (this.lookingAt('>')) {
        this.position += 1;
        break;
      }
      if (!hadSpace) this.fail('Expected whitespace between attributes');
      const attributeName = this.name();
      if (Object.hasOwn(attributes, attributeName)) this.fail(`Duplicate attribute "${attributeName}"`);
      this.skipWhitespace();
      this.expect('=');
      this.skipWhitespace();
      attributes[attributeName] = this.attributeValue();
    }
    const children = this.content(name);
    return { type: 'element', name, attributes, children };
  }

  private content(parentName: string): XmlNode[] {
    const children: XmlNode[] = [];
    let text = '';
    const flushText = () => {
      if (text !== '') children.push({ type: 'text', text });
      text = '';
    };
    for (;;) {
      if (this.position >= this.source.length) this.fail(`Unclosed element <${parentName}>`);
      if (this.lookingAt('</')) {
        this.position += 2;
        const closing = this.name();
        if (closing !== parentName) this.fail(`Expected </${parentName}> but found </${closing}>`);
        this.skipWhitespace();
        this.expect('>');
        flushText();
        return children;
      }
      if (this.lookingAt('<!--')) {
        this.comment();
      } else if (this.lookingAt('<![CDATA[')) {
        const end = this.source.indexOf(']]>', this.position);
        if (end < 0) this.fail('Unterminated CDATA section');
        text += this.source.slice(this.position + 9, end);
        this.position = end + 3;
      } else if (this.lookingAt('<?')) {
        this.processingInstruction();
      } else if (this.lookingAt('<!')) {
        this.fail('Unexpected markup declaration');
      } else if (this.lookingAt('<')) {
        flushText();
        children.push(this.element());
      } else if (this.lookingAt('&')) {
        text += this.reference();
      } else {
        const char = this.source[this.position] ?? '';
        if (char === '>' && this.source.slice(this.position - 2, this.position) === ']]') this.fail('"]]>" in text');
        text += char;
        this.position += 1;
      }
    }
  }

  private attributeValue(): string {
    const quote = this.source[this.position];
    if (quote !== '"' && quote !== "'") this.fail('Attribute value must be quoted');
    this.position += 1;
    let value = '';
    for (;;) {
      const char = this.source[this.position];
      if (char === undefined) this.fail('Unterminated attribute value');
      if (char === quote) {
        this.position += 1;
        return value;
      }
      if (char === '<') this.fail('"<" in an attribute value');
      if (char === '&') {
        value += this.reference();
      } else {
        // Attribute-value normalisation: literal whitespace characters become spaces.
        value += /[\t\n\r]/.test(char) ? ' ' : char;
        this.position += 1;
      }
    }
  }

  private reference(): string {
    const end = this.source.indexOf(';', this.position);
    if (end < 0 || end - this.position > 12) this.fail('Unescaped "&"');
    const entity = this.source.slice(this.position + 1, end);
    this.position = end + 1;
    const numeric = /^#(?:x([0-9A-Fa-f]+)|([0-9]+))$/.exec(entity);
    if (numeric) {
      const codePoint = numeric[1] !== undefined ? Number.parseInt(numeric[1], 16) : Number(numeric[2]);
      if (codePoint === 0 || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) {
        this.fail(`Invalid character reference &${entity};`);
      }
      return String.fromCodePoint(codePoint);
    }
    const predefined = PREDEFINED_ENTITIES[entity];
    if (predefined === undefined) this.fail(`Undefined entity &${entity};`);
    return predefined;
  }

  private name(): string {
    const start = this.position;
    if (!NAME_START.test(this.source[this.position] ?? '')) this.fail('Expected a name');
    this.position += 1;
    while (NAME_CHAR.test(this.source[this.position] ?? '')) this.position += 1;
    return this.source.slice(start, this.position);
  }

  private skipWhitespace(): boolean {
    const start = this.position;
    while (/[ \t\r\n]/.test(this.source[this.position] ?? '')) this.position += 1;
    return this.position > start;
  }

  private lookingAt(token: string): boolean {
    return this.source.startsWith(token, this.position);
  }

  private expect(token: string): void {
    if (!this.lookingAt(token)) this.fail(`Expected "${token}"`);
    this.position += token.length;
  }

  private fail(message: string): never {
    throw new XmlParseError(message, this.position);
  }
}
