/**
 * Kubernetes label selectors (the syntax of `labels.Parse` in apimachinery): `a=b`, `a==b`, `a!=b`,
 * `a in (x,y)`, `a notin (x,y)`, `a` (exists), `!a` (does not exist), `a>1`, `a<1`, joined by commas.
 */

type Operator = '=' | '!=' | 'in' | 'notin' | 'exists' | '!' | '>' | '<';

interface Requirement {
  key: string;
  operator: Operator;
  values: string[];
}

export interface LabelSelector {
  matches(labels: Record<string, string> | undefined): boolean;
}

export class SelectorParseError extends Error {}

type Token =
  | { kind: 'identifier'; text: string }
  | { kind: 'symbol'; text: string }
  | { kind: 'end'; text: 'end of string' };

const symbols = ['==', '!=', '=', '!', '(', ')', ',', '>', '<'];

function symbolAt(input: string, index: number): string | undefined {
  return symbols.find(s => input.startsWith(s, index));
}

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const symbol = symbolAt(input, i);
    if (symbol) {
      tokens.push({ kind: 'symbol', text: symbol });
      i += symbol.length;
      continue;
    }
    let j = i;
    while (
      j < input.length &&
      !/\s/.test(input[j]) &&
      !'!=(),<>'.includes(input[j])
    ) {
      j++;
    }
    tokens.push({ kind: 'identifier', text: input.slice(i, j) });
    i = j;
  }
  tokens.push({ kind: 'end', text: 'end of string' });
  return tokens;
}

const namePart = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const dnsSubdomain =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function validateKey(key: string): void {
  const slash = key.indexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (
    prefix !== undefined &&
    (!dnsSubdomain.test(prefix) || prefix.length > 253)
  ) {
    throw new SelectorParseError(
      `key: Invalid value: "${key}": prefix part must be a lowercase RFC 1123 subdomain`,
    );
  }
  if (!namePart.test(name) || name.length > 63) {
    throw new SelectorParseError(
      `key: Invalid value: "${key}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
    );
  }
}

function validateValue(value: string): void {
  if (value !== '' && (!namePart.test(value) || value.length > 63)) {
    throw new SelectorParseError(
      `values[0]: Invalid value: "${value}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
    );
  }
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.pos];
  }

  private next(): Token {
    return this.tokens[this.pos++];
  }

  private fail(token: Token, expected: string): never {
    throw new SelectorParseError(
      `unable to parse requirement: found '${token.text}', expected: ${expected}`,
    );
  }

  parse(): Requirement[] {
    const requirements: Requirement[] = [];
    if (this.peek().kind === 'end') return requirements;
    for (;;) {
      requirements.push(this.requirement());
      const token = this.next();
      if (token.kind === 'end') return requirements;
      if (token.text !== ',') this.fail(token, "',' or 'end of string'");
      if (this.peek().kind === 'end') {
        this.fail(this.peek(), "!, identifier, or 'end of string'");
      }
    }
  }

  private requirement(): Requirement {
    let token = this.next();
    if (token.kind === 'symbol' && token.text === '!') {
      token = this.next();
      if (token.kind !== 'identifier') this.fail(token, 'identifier');
      validateKey(token.text);
      return { key: token.text, operator: '!', values: [] };
    }
    if (token.kind !== 'identifier') {
      this.fail(token, "!, identifier, or 'end of string'");
    }
    const key = token.text;
    validateKey(key);
    const opToken = this.peek();
    if (opToken.kind === 'end' || opToken.text === ',') {
      return { key, operator: 'exists', values: [] };
    }
    this.next();
    if (
      opToken.kind === 'identifier' &&
      (opToken.text === 'in' || opToken.text === 'notin')
    ) {
      return { key, operator: opToken.text, values: this.valueSet() };
    }
    if (
      opToken.kind === 'symbol' &&
      ['=', '==', '!=', '>', '<'].includes(opToken.text)
    ) {
      const operator = (opToken.text === '==' ? '=' : opToken.text) as Operator;
      const valueToken = this.peek();
      let value = '';
      if (valueToken.kind === 'identifier') {
        this.next();
        value = valueToken.text;
      } else if (
        operator === '>' ||
        operator === '<' ||
        !(valueToken.kind === 'end' || valueToken.text === ',')
      ) {
        this.fail(valueToken, 'identifier');
      }
      validateValue(value);
      if ((operator === '>' || operator === '<') && !/^-?\d+$/.test(value)) {
        throw new SelectorParseError(
          `unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer`,
        );
      }
      return { key, operator, values: [value] };
    }
    return this.fail(opToken, "'=', '!=', '==', 'in', notin'");
  }

  private valueSet(): string[] {
    const open = this.next();
    if (open.text !== '(') this.fail(open, "'('");
    const values: string[] = [];
    for (;;) {
      const token = this.next();
      if (token.kind === 'identifier') {
        validateValue(token.text);
        values.push(token.text);
        const after = this.next();
        if (after.text === ')') return values;
        if (after.text !== ',') this.fail(after, "',' or ')'");
      } else if (token.text === ')' && values.length === 0) {
        return [''];
      } else {
        this.fail(token, 'identifier');
      }
    }
  }
}

function matchRequirement(
  req: Requirement,
  labels: Record<string, string>,
): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  const value = has ? labels[req.key] : undefined;
  switch (req.operator) {
    case 'exists':
      return has;
    case '!':
      return !has;
    case '=':
    case 'in':
      return has && req.values.includes(value!);
    case '!=':
    case 'notin':
      return !has || !req.values.includes(value!);
    case '>':
    case '<': {
      if (!has || !/^-?\d+$/.test(value!)) return false;
      const n = Number(value);
      const bound = Number(req.values[0]);
      return req.operator === '>' ? n > bound : n < bound;
    }
    default:
      return false;
  }
}

/** Parses a label selector; throws SelectorParseError with a Kubernetes-style message on bad input. */
export function parseLabelSelector(input: string): LabelSelector {
  const requirements = new Parser(tokenize(input)).parse();
  return {
    matches(labels) {
      const actual = labels ?? {};
      return requirements.every(req => matchRequirement(req, actual));
    },
  };
}
