import { TextDecoder } from 'node:util';
import { SaxesParser } from 'saxes';

/** The longest XML tag (name and attributes) a part may have; a spreadsheet's are a few dozen characters. */
const MAX_TAG_CHARS = 64 * 1024;

/** What a part's parse is told, element by element. Names are local: `x:row` arrives as `row`. */
export interface XmlHandlers {
  open?(name: string, attributes: Readonly<Record<string, string>>): void;
  close?(name: string): void;
  text?(text: string): void;
  /**
   * A run of text grew past `maxRun` characters: the rest of it is dropped, never held. Called
   * before the run's (cut) text arrives; the handler decides whether that is an error.
   */
  overlong?(): void;
}

/** An XML part that cannot be read, with what is wrong. */
export class XmlPartError extends Error {}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/**
 * Parses one XML part of a package as it streams, yielding after each chunk so that the caller can
 * hand on what it has gathered. Memory stays bounded whatever the part holds: a text run keeps at
 * most `maxRun` characters, a tag at most 64 KiB, and a DOCTYPE (entity expansion) is refused.
 */
export async function* parseXmlPart(
  bytes: AsyncIterable<Uint8Array>,
  part: string,
  maxRun: number,
  handlers: XmlHandlers,
): AsyncGenerator<void> {
  const parser = new SaxesParser({ xmlns: false });
  // Set from the parser's callbacks: a holder, since a closure's assignment is not seen by narrowing.
  const state: { failure: Error | null } = { failure: null };
  parser.on('error', (error) => {
    state.failure ??= new XmlPartError(`${part} is not well-formed XML: ${error.message}`);
  });
  parser.on('doctype', () => {
    state.failure ??= new XmlPartError(
      `${part} declares a DOCTYPE, which a spreadsheet never does`,
    );
  });
  parser.on('opentag', (node) => {
    const attributes: Record<string, string> = {};
    for (const [name, value] of Object.entries(node.attributes))
      attributes[localName(name)] = value;
    handlers.open?.(localName(node.name), attributes);
    if (node.isSelfClosing) handlers.close?.(localName(node.name));
  });
  parser.on('closetag', (node) => {
    if (!node.isSelfClosing) handlers.close?.(localName(node.name));
  });
  parser.on('text', (text) => handlers.text?.(text));
  parser.on('cdata', (text) => handlers.text?.(text));
  const write = (text: string) => {
    if (text.length > 0 && state.failure === null) parser.write(text);
    if (state.failure) throw state.failure;
  };
  const guard = new RunGuard(part, maxRun, write, () => handlers.overlong?.());
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of bytes) {
      guard.feed(decoder.decode(chunk, { stream: true }));
      yield;
    }
    guard.feed(decoder.decode());
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_ENCODING_INVALID_ENCODED_DATA') {
      throw new XmlPartError(`${part} is not valid UTF-8`);
    }
    throw error instanceof Error ? error : new XmlPartError(String(error));
  }
  parser.close();
  if (state.failure) throw state.failure;
}

/**
 * Stands between the text of a part and the XML parser, which would otherwise gather a text run
 * or a tag of any length: it passes markup through, cuts a text run at `maxRun` characters
 * (never inside an entity or a surrogate pair) and refuses a tag longer than 64 KiB.
 */
class RunGuard {
  private isInTag = false;
  private isDropping = false;
  /** Characters of the current tag, or of the current text run, seen so far. */
  private length = 0;
  /** Whether the text passed on of the current run ends inside an entity (`&am`). */
  private isInEntity = false;

  constructor(
    private readonly part: string,
    private readonly maxRun: number,
    private readonly write: (text: string) => void,
    private readonly onOverlong: () => void,
  ) {}

  feed(text: string): void {
    let out = '';
    let pos = 0;
    while (pos < text.length) {
      if (this.isInTag) {
        const end = text.indexOf('>', pos);
        const stop = end < 0 ? text.length : end + 1;
        this.length += stop - pos;
        if (this.length > MAX_TAG_CHARS) {
          throw new XmlPartError(
            `${this.part} has an XML tag longer than ${MAX_TAG_CHARS} characters`,
          );
        }
        out += text.slice(pos, stop);
        pos = stop;
        if (end >= 0) {
          this.isInTag = false;
          this.length = 0;
        }
        continue;
      }
      const lt = text.indexOf('<', pos);
      const stop = lt < 0 ? text.length : lt;
      if (!this.isDropping) {
        const room = this.maxRun - this.length;
        if (stop - pos <= room) {
          out += this.passed(text.slice(pos, stop));
        } else {
          out += this.passed(text.slice(pos, this.cutAt(text, pos, pos + room)));
          // Whatever the parser has seen so far is parsed first, so that the handler knows where it is.
          this.write(out);
          out = '';
          this.isDropping = true;
          this.onOverlong();
        }
        this.length += stop - pos;
      }
      pos = stop;
      if (lt >= 0) {
        this.isInTag = true;
        this.isDropping = false;
        this.isInEntity = false;
        this.length = 0;
      }
    }
    this.write(out);
  }

  private passed(piece: string): string {
    const amp = piece.lastIndexOf('&');
    if (amp >= 0 || piece.includes(';')) this.isInEntity = amp > piece.lastIndexOf(';');
    return piece;
  }

  /** Where to cut a run near `at`: after an entity that was begun, before one that would be cut, never between a surrogate pair. */
  private cutAt(text: string, from: number, at: number): number {
    if (this.isInEntity && !text.slice(from, at).includes(';')) {
      const semi = text.indexOf(';', from);
      if (semi >= 0 && semi < from + 16) return semi + 1;
    }
    let cut = at;
    const amp = text.lastIndexOf('&', cut - 1);
    const semi = amp >= from ? text.indexOf(';', amp) : -1;
    if (amp >= from && (semi < 0 || semi >= cut)) cut = amp;
    const code = text.charCodeAt(cut - 1);
    if (cut > from && code >= 0xd800 && code <= 0xdbff) cut--;
    return cut;
  }
}
