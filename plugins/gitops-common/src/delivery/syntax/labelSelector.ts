import {
  LabelSelector,
  LabelSelectorRequirement,
} from '../product';

export class LabelSelectorSyntaxError extends Error {
  constructor(readonly selector: string, readonly reason: string) {
    super(`"${selector}" is not a valid label selector: ${reason}`);
    this.name = 'LabelSelectorSyntaxError';
  }
}

const KEY = '[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?';
const VALUE = '([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?';
const EXISTS = new RegExp(`^(!?)\\s*(${KEY})$`);
const EQUALITY = new RegExp(`^(${KEY})\\s*(==|=|!=)\\s*(${VALUE})$`);
const SET = new RegExp(`^(${KEY})\\s+(in|notin)\\s*\\(([^()]*)\\)$`);
const VALUE_ONLY = new RegExp(`^${VALUE}$`);

/** Splits at commas outside parentheses: `a in (x,y),b` → [`a in (x,y)`, `b`]. */
function splitRequirements(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    if (text[i] === ')') depth--;
    if (text[i] === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map(part => part.trim());
}

function parseRequirement(
  selector: string,
  text: string,
): LabelSelectorRequirement {
  const fail = (reason: string): never => {
    throw new LabelSelectorSyntaxError(selector, reason);
  };
  if (text === '') {
    fail('empty requirement (two commas in a row, or a trailing comma)');
  }
  const exists = EXISTS.exec(text);
  if (exists) {
    return {
      key: exists[2],
      operator: exists[1] ? 'DoesNotExist' : 'Exists',
      values: [],
    };
  }
  const equality = EQUALITY.exec(text);
  if (equality) {
    const [, key, , operator, value] = equality;
    return {
      key,
      operator: operator === '!=' ? 'NotIn' : 'In',
      values: [value],
    };
  }
  const set = SET.exec(text);
  if (set) {
    const [, key, , operator, list] = set;
    const values = list.split(',').map(value => value.trim());
    const bad = values.find(value => !VALUE_ONLY.test(value));
    if (bad !== undefined) {
      fail(`"${bad}" is not a valid label value in "${text}"`);
    }
    if (values.every(value => value === '')) {
      fail(`"${text}" lists no values`);
    }
    return { key, operator: operator === 'in' ? 'In' : 'NotIn', values };
  }
  return fail(
    `cannot read "${text}"; write key=value, key!=value, key in (a,b), key notin (a,b), key or !key`,
  );
}

/**
 * Parses the string form of a Kubernetes label selector (`=`, `==`, `!=`, `in`, `notin`, `key`,
 * `!key`, comma-separated, all must hold) into the structured form.
 */
export function parseLabelSelector(text: string): LabelSelector {
  return {
    matchLabels: {},
    matchExpressions: splitRequirements(text.trim()).map(part =>
      parseRequirement(text, part),
    ),
  };
}

function matchesRequirement(
  requirement: LabelSelectorRequirement,
  labels: Readonly<Record<string, string>>,
): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, requirement.key);
  switch (requirement.operator) {
    case 'In':
      return has && requirement.values.includes(labels[requirement.key]);
    case 'NotIn':
      // As in Kubernetes, a missing label is "not in" any set.
      return !has || !requirement.values.includes(labels[requirement.key]);
    case 'Exists':
      return has;
    default:
      return !has;
  }
}

/** Kubernetes semantics: every `matchLabels` entry and every expression must hold. */
export function matchesLabelSelector(
  selector: LabelSelector,
  labels: Readonly<Record<string, string>>,
): boolean {
  return (
    Object.entries(selector.matchLabels).every(
      ([key, value]) => labels[key] === value,
    ) &&
    selector.matchExpressions.every(requirement =>
      matchesRequirement(requirement, labels),
    )
  );
}
