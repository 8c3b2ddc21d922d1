/**
 * JSONPath-like paths to one value in a YAML document, e.g. `$.image.tag`, `$.a.b[0].c`, `$['x.y']`
 * and, for Kustomize, `$.images[?(@.name=='api')].newTag`. A path is parsed into segments and walked
 * as data; nothing in it is ever evaluated.
 */
export type PathSegment =
  | { kind: 'key'; key: string }
  | { kind: 'index'; index: number }
  /** The first list element whose `key` equals `value`. */
  | { kind: 'filter'; key: string; value: string };

export class PathSyntaxError extends Error {
  constructor(readonly path: string, readonly reason: string) {
    super(`"${path}" is not a valid path: ${reason}`);
    this.name = 'PathSyntaxError';
  }
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*/;
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

class Scanner {
  position = 0;
  constructor(readonly path: string) {}

  fail(reason: string): never {
    throw new PathSyntaxError(this.path, reason);
  }
  peek(): string | undefined {
    return this.path[this.position];
  }
  /** Consumes `text` if it comes next. */
  take(text: string): boolean {
    if (this.path.startsWith(text, this.position)) {
      this.position += text.length;
      return true;
    }
    return false;
  }
  expect(text: string, after: string): void {
    if (!this.take(text)) {
      this.fail(`expected "${text}" ${after}${this.found()}`);
    }
  }
  found(): string {
    const next = this.peek();
    return next === undefined ? ', found the end' : `, found "${next}"`;
  }
  identifier(): string | undefined {
    const match = IDENTIFIER.exec(this.path.slice(this.position));
    if (!match) {
      return undefined;
    }
    this.position += match[0].length;
    return match[0];
  }
  quoted(): string | undefined {
    const quote = this.peek();
    if (quote !== "'" && quote !== '"') {
      return undefined;
    }
    let value = '';
    for (let i = this.position + 1; i < this.path.length; i++) {
      const char = this.path[i];
      if (char === '\\' && i + 1 < this.path.length) {
        value += this.path[++i];
      } else if (char === quote) {
        this.position = i + 1;
        return value;
      } else {
        value += char;
      }
    }
    return this.fail(
      `the quoted name starting at character ${
        this.position + 1
      } is not closed`,
    );
  }
}

function parseFilter(scanner: Scanner): PathSegment {
  scanner.expect('(', 'after "[?"');
  scanner.expect('@', 'to start the filter');
  let key: string | undefined;
  if (scanner.take('.')) {
    key = scanner.identifier();
  } else if (scanner.take('[')) {
    key = scanner.quoted();
    scanner.expect(']', 'after the quoted name');
  }
  if (key === undefined) {
    scanner.fail(`expected "@.name" in the filter${scanner.found()}`);
  }
  scanner.expect('==', 'in the filter (only "==" comparisons are supported)');
  const value = scanner.quoted();
  if (value === undefined) {
    scanner.fail(`expected a quoted value after "=="${scanner.found()}`);
  }
  scanner.expect(')', 'to close the filter');
  scanner.expect(']', 'after the filter');
  return { kind: 'filter', key, value };
}

function parseBracket(scanner: Scanner): PathSegment {
  const digits = /^\d+/.exec(scanner.path.slice(scanner.position));
  if (digits) {
    scanner.position += digits[0].length;
    scanner.expect(']', 'after the index');
    return { kind: 'index', index: Number(digits[0]) };
  }
  if (scanner.take('?')) {
    return parseFilter(scanner);
  }
  const key = scanner.quoted();
  if (key === undefined) {
    if (scanner.peek() === '*') {
      scanner.fail('wildcards are not supported; a path points at one value');
    }
    scanner.fail(
      `expected an index, a quoted name or a filter after "["${scanner.found()}`,
    );
  }
  scanner.expect(']', 'after the quoted name');
  return { kind: 'key', key };
}

/** Parses a path; throws `PathSyntaxError` with a message that says what is wrong and where. */
export function parseValuePath(path: string): PathSegment[] {
  const scanner: Scanner = new Scanner(path);
  if (!scanner.take('$')) {
    scanner.fail('a path starts with "$", e.g. "$.image.tag"');
  }
  const segments: PathSegment[] = [];
  while (scanner.position < path.length) {
    if (scanner.take('..')) {
      scanner.fail(
        'recursive descent ("..") is not supported; a path points at one value',
      );
    } else if (scanner.take('.')) {
      if (scanner.peek() === '*') {
        scanner.fail('wildcards are not supported; a path points at one value');
      }
      const key = scanner.identifier();
      if (key === undefined) {
        scanner.fail(
          `expected a property name after "."${scanner.found()} (quote other names: $['my.key'])`,
        );
      }
      segments.push({ kind: 'key', key });
    } else if (scanner.take('[')) {
      segments.push(parseBracket(scanner));
    } else {
      scanner.fail(
        `unexpected "${scanner.peek()}" at character ${
          scanner.position + 1
        }; expected "." or "["`,
      );
    }
  }
  return segments;
}

/** The canonical text of a path, used in messages. */
export function formatValuePath(segments: readonly PathSegment[]): string {
  const quote = (text: string) => `'${text.replace(/[\\']/g, c => `\\${c}`)}'`;
  return segments.reduce((text, segment) => {
    switch (segment.kind) {
      case 'key':
        return PLAIN_KEY.test(segment.key)
          ? `${text}.${segment.key}`
          : `${text}[${quote(segment.key)}]`;
      case 'index':
        return `${text}[${segment.index}]`;
      default:
        return `${text}[?(@.${segment.key}==${quote(segment.value)})]`;
    }
  }, '$');
}

export type PathReading =
  | { found: true; value: unknown }
  | { found: false; reason: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (isRecord(value)) return 'a mapping';
  if (value === null || value === undefined) return 'empty';
  return `the value "${String(value)}"`;
}

/** Walks parsed YAML data along a path; says which step failed when the value is not there. */
export function readPath(
  data: unknown,
  segments: readonly PathSegment[],
): PathReading {
  let current = data;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    const at = formatValuePath(segments.slice(0, i));
    if (segment.kind === 'key') {
      if (!isRecord(current)) {
        return {
          found: false,
          reason: `${at} is ${describe(current)}, not a mapping`,
        };
      }
      if (!Object.prototype.hasOwnProperty.call(current, segment.key)) {
        return { found: false, reason: `${at} has no "${segment.key}"` };
      }
      current = current[segment.key];
    } else if (!Array.isArray(current)) {
      return {
        found: false,
        reason: `${at} is ${describe(current)}, not a list`,
      };
    } else if (segment.kind === 'index') {
      if (segment.index >= current.length) {
        return {
          found: false,
          reason: `${at} has ${current.length} elements, no index ${segment.index}`,
        };
      }
      current = current[segment.index];
    } else {
      const match = current.find(
        item =>
          isRecord(item) &&
          item[segment.key] !== undefined &&
          item[segment.key] !== null &&
          String(item[segment.key]) === segment.value,
      );
      if (match === undefined) {
        return {
          found: false,
          reason: `no element of ${at} has ${segment.key} "${segment.value}"`,
        };
      }
      current = match;
    }
  }
  return { found: true, value: current };
}
