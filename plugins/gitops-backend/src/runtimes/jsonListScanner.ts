/*
 * Incremental reader of a JSON object holding one large list (Argo CD's application list): the
 * elements of the list are handed over one at a time as JSON text while the body is still arriving,
 * so a 1,000-app answer never exists as one string or one parsed tree. Other top-level values (the
 * small `metadata`) are parsed whole. Works on UTF-8 bytes: every structural character is ASCII and
 * never occurs inside a multi-byte sequence.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COLON = 0x3a;
const COMMA = 0x2c;

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}

/** How many backslashes directly precede `end`, not looking before `from`. */
function backslashesBefore(chunk: Uint8Array, end: number, from: number) {
  let count = 0;
  for (let k = end - 1; k >= from && chunk[k] === BACKSLASH; k--) count++;
  return count;
}

/** The body is not JSON (or not an object at the top). */
export class MalformedJsonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedJsonError';
  }
}

type CaptureKind = 'key' | 'string' | 'container' | 'primitive';

export class JsonListScanner {
  /** Top-level values other than the list, parsed. */
  readonly fields: Record<string, unknown> = {};
  /** Whether the list key held an array (else its value, if any, is in `fields`). */
  sawList = false;

  private depth = 0;
  private inString = false;
  private escaped = false;
  private started = false;
  private finished = false;
  /** Inside the top-level object: the next string is a key. */
  private expectKey = false;
  /** Inside the top-level object: a value starts at the next token. */
  private expectValue = false;
  private inList = false;
  private key?: string;
  private capture?: {
    kind: CaptureKind;
    depth: number;
    start: number;
    pieces: Uint8Array[];
  };

  constructor(
    private readonly listKey: string,
    private readonly onElement: (json: string) => void,
  ) {}

  push(chunk: Uint8Array): void {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (this.inString) {
        // Most bytes are inside strings: jump to the closing quote natively.
        if (this.escaped) {
          this.escaped = false;
          continue;
        }
        let quote = chunk.indexOf(QUOTE, i);
        while (quote >= 0 && backslashesBefore(chunk, quote, i) % 2 === 1) {
          quote = chunk.indexOf(QUOTE, quote + 1);
        }
        if (quote < 0) {
          this.escaped = backslashesBefore(chunk, chunk.length, i) % 2 === 1;
          break;
        }
        i = quote;
        this.inString = false;
        const kind = this.capture?.kind;
        if (kind === 'key' || kind === 'string') this.finish(chunk, i + 1);
        continue;
      }
      if (this.capture?.kind === 'primitive') {
        if (
          isSpace(b) ||
          b === COMMA ||
          b === CLOSE_OBJECT ||
          b === CLOSE_ARRAY
        ) {
          this.finish(chunk, i);
        } else {
          continue;
        }
      }
      if (isSpace(b)) continue;
      if (this.finished) throw new MalformedJsonError('text after the end');
      if (!this.started) {
        if (b !== OPEN_OBJECT) throw new MalformedJsonError('not an object');
        this.started = true;
        this.depth = 1;
        this.expectKey = true;
        continue;
      }
      const valueStarts =
        !this.capture &&
        ((this.depth === 1 && this.expectValue) ||
          (this.inList && this.depth === 2));
      switch (b) {
        case QUOTE:
          this.inString = true;
          if (this.depth === 1 && this.expectKey && !this.capture) {
            this.begin('key', i);
            this.expectKey = false;
          } else if (valueStarts) {
            this.begin('string', i);
          }
          break;
        case OPEN_OBJECT:
        case OPEN_ARRAY:
          if (
            valueStarts &&
            this.depth === 1 &&
            b === OPEN_ARRAY &&
            this.key === this.listKey
          ) {
            this.inList = true;
            this.sawList = true;
            this.expectValue = false;
          } else if (valueStarts) {
            this.begin('container', i);
          }
          this.depth += 1;
          break;
        case CLOSE_OBJECT:
        case CLOSE_ARRAY:
          this.depth -= 1;
          if (this.depth < 0) throw new MalformedJsonError('unbalanced');
          if (this.capture?.kind === 'container') {
            if (this.depth === this.capture.depth) this.finish(chunk, i + 1);
          } else if (this.inList && this.depth === 1) {
            this.inList = false;
          } else if (this.depth === 0) {
            this.finished = true;
          }
          break;
        case COLON:
          if (this.depth === 1 && !this.capture) this.expectValue = true;
          break;
        case COMMA:
          if (this.depth === 1 && !this.capture) this.expectKey = true;
          break;
        default:
          if (valueStarts) this.begin('primitive', i);
      }
    }
    // An element still arriving keeps its bytes so far; the rest come with the next chunk.
    if (this.capture) {
      this.capture.pieces.push(chunk.subarray(this.capture.start));
      this.capture.start = 0;
    }
  }

  /** Checks that the whole object arrived. */
  end(): void {
    if (!this.finished) throw new MalformedJsonError('truncated');
  }

  private begin(kind: CaptureKind, start: number) {
    this.capture = { kind, depth: this.depth, start, pieces: [] };
    if (kind !== 'key') this.expectValue = false;
  }

  private finish(chunk: Uint8Array, end: number) {
    const capture = this.capture!;
    this.capture = undefined;
    const last = chunk.subarray(capture.start, end);
    const bytes =
      capture.pieces.length === 0
        ? Buffer.from(last.buffer, last.byteOffset, last.length)
        : Buffer.concat([...capture.pieces, last]);
    const text = bytes.toString('utf8');
    if (capture.kind === 'key') {
      this.key = this.parse(text) as string;
    } else if (this.inList) {
      this.onElement(text);
    } else if (this.key !== undefined) {
      this.fields[this.key] = this.parse(text);
    }
  }

  private parse(text: string): unknown {
    try {
      return JSON.parse(text);
    } catch {
      throw new MalformedJsonError('malformed value');
    }
  }
}
