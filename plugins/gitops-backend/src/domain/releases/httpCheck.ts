import {
  DurationSyntaxError,
  parseDuration,
  parseValuePath,
  PathSyntaxError,
  readPath,
} from '@slipway/plugin-gitops-common';

/** A header value written in the flow, or the name of a secret in `gitops.gates.secrets`. */
export type HeaderValue = string | { secret: string };

/** An `http-check` gate as the flow wrote it, checked. */
export interface HttpCheckSettings {
  url: string;
  method: string;
  headers: Record<string, HeaderValue>;
  /** JSON sent as the body; strings may use `${product}`, `${version}`, `${environment}`, `${releaseId}`, `${commit}`. */
  body?: unknown;
  expect: { status?: number; path?: string; equals?: string };
  intervalMs: number;
  timeoutMs: number;
}

export interface HttpCheckVariables {
  product: string;
  version: string;
  environment: string;
  releaseId: string;
  commit: string;
}

/** What the checked system answered (or why it did not). */
export type HttpAnswer =
  | { kind: 'response'; status: number; body: string }
  | { kind: 'unreachable'; error: string };

const METHODS = ['GET', 'POST', 'PUT', 'PATCH'];
const DEFAULT_INTERVAL_MS = 30_000;
const DEFAULT_TIMEOUT_MS = 10 * 60_000;
/** How much of an answer's body the release page shows. */
const EXCERPT_CHARS = 200;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function durationSetting(
  value: unknown,
  name: string,
  fallback: number,
  problems: string[],
): number {
  if (value === undefined) return fallback;
  try {
    return parseDuration(String(value));
  } catch (e) {
    if (!(e instanceof DurationSyntaxError)) throw e;
    problems.push(`${name}: ${e.message}`);
    return fallback;
  }
}

/**
 * Reads an `http-check` gate's settings. `secretNames` are the secrets app-config holds: a header
 * naming another one is a problem of the flow, found when the config is read rather than at 3 a.m.
 */
export function readHttpCheckSettings(
  settings: Record<string, unknown>,
  secretNames: readonly string[],
): { settings?: HttpCheckSettings; problems: string[] } {
  const problems: string[] = [];
  const { url, method, headers, body, expect, interval, timeout, ...rest } =
    settings;
  for (const key of Object.keys(rest)) {
    problems.push(
      `unknown field "${key}" (url, method, headers, body, expect, interval, timeout)`,
    );
  }
  if (typeof url !== 'string' || !/^https?:\/\/\S+$/.test(url)) {
    problems.push('url must be an http:// or https:// address');
  }
  // Without a method, a gate with a body posts it and one without only reads.
  const defaultMethod = body === undefined ? 'GET' : 'POST';
  const verb =
    method === undefined ? defaultMethod : String(method).toUpperCase();
  if (!METHODS.includes(verb)) {
    problems.push(`method must be one of ${METHODS.join(', ')}`);
  }
  const headerValues: Record<string, HeaderValue> = {};
  if (headers !== undefined && !isRecord(headers)) {
    problems.push('headers must be a mapping of header names to values');
  }
  for (const [name, value] of Object.entries(
    isRecord(headers) ? headers : {},
  )) {
    if (typeof value === 'string' || typeof value === 'number') {
      headerValues[name] = String(value);
    } else if (isRecord(value) && typeof value.secret === 'string') {
      if (!secretNames.includes(value.secret)) {
        problems.push(
          `headers.${name} names the secret "${value.secret}", which gitops.gates.secrets in app-config does not hold`,
        );
      }
      headerValues[name] = { secret: value.secret };
    } else {
      problems.push(`headers.${name} must be text or { secret: <name> }`);
    }
  }
  const expectation: HttpCheckSettings['expect'] = {};
  if (expect !== undefined && !isRecord(expect)) {
    problems.push('expect must be a mapping with status, path and equals');
  } else if (expect) {
    const { status, path, equals } = expect;
    if (status !== undefined) {
      if (
        !Number.isInteger(status) ||
        (status as number) < 100 ||
        (status as number) > 599
      ) {
        problems.push('expect.status must be an HTTP status code, e.g. 200');
      } else expectation.status = status as number;
    }
    if (path !== undefined) {
      try {
        parseValuePath(String(path));
        expectation.path = String(path);
      } catch (e) {
        if (!(e instanceof PathSyntaxError)) throw e;
        problems.push(`expect.path: ${e.message}`);
      }
      if (equals === undefined) {
        problems.push(
          'expect.path needs expect.equals: the value it must have',
        );
      }
    }
    if (equals !== undefined) {
      if (path === undefined) problems.push('expect.equals needs expect.path');
      expectation.equals = String(equals);
    }
  }
  const intervalMs = durationSetting(
    interval,
    'interval',
    DEFAULT_INTERVAL_MS,
    problems,
  );
  const timeoutMs = durationSetting(
    timeout,
    'timeout',
    DEFAULT_TIMEOUT_MS,
    problems,
  );
  if (problems.length > 0) return { problems };
  return {
    problems,
    settings: {
      url: url as string,
      method: verb,
      headers: headerValues,
      ...(body !== undefined ? { body } : {}),
      expect: expectation,
      intervalMs,
      timeoutMs,
    },
  };
}

/** The body template with `${name}` replaced in every string (keys and values). */
export function renderBody(
  template: unknown,
  vars: HttpCheckVariables,
): unknown {
  const fill = (text: string) =>
    text.replace(/\$\{(\w+)\}/g, (whole, name: string) =>
      Object.prototype.hasOwnProperty.call(vars, name)
        ? vars[name as keyof HttpCheckVariables]
        : whole,
    );
  if (typeof template === 'string') return fill(template);
  if (Array.isArray(template)) return template.map(v => renderBody(v, vars));
  if (isRecord(template)) {
    return Object.fromEntries(
      Object.entries(template).map(([k, v]) => [fill(k), renderBody(v, vars)]),
    );
  }
  return template;
}

function excerpt(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT_CHARS
    ? `${flat.slice(0, EXCERPT_CHARS)}…`
    : flat;
}

/** Whether an answer meets the expectation, and the answer in words for the release page. */
export function judgeAnswer(
  settings: HttpCheckSettings,
  answer: HttpAnswer,
): { matched: boolean; summary: string } {
  if (answer.kind === 'unreachable') {
    return {
      matched: false,
      summary: `${settings.url} could not be reached: ${answer.error}`,
    };
  }
  const said = `${settings.url} answered ${answer.status}${
    answer.body.trim() ? `: ${excerpt(answer.body)}` : ''
  }`;
  const { status, path, equals } = settings.expect;
  const statusOk =
    status === undefined
      ? answer.status >= 200 && answer.status < 300
      : answer.status === status;
  if (!statusOk) {
    return {
      matched: false,
      summary: `${said} (expected ${status ?? 'a 2xx status'})`,
    };
  }
  if (path === undefined) return { matched: true, summary: said };
  let data: unknown;
  try {
    data = JSON.parse(answer.body);
  } catch {
    return {
      matched: false,
      summary: `${said} (not JSON, so ${path} cannot be read)`,
    };
  }
  const reading = readPath(data, parseValuePath(path));
  if (!reading.found) {
    return { matched: false, summary: `${said} (${reading.reason})` };
  }
  const value =
    isRecord(reading.value) || Array.isArray(reading.value)
      ? JSON.stringify(reading.value)
      : String(reading.value);
  return value === equals
    ? { matched: true, summary: said }
    : {
        matched: false,
        summary: `${said} (${path} is "${value}", expected "${equals}")`,
      };
}

/**
 * Pass on a matching answer; otherwise ask again after the interval, and fail with the last answer
 * once the gate has held for its timeout.
 */
export function httpCheckVerdict(
  settings: HttpCheckSettings,
  answer: HttpAnswer,
  startedAt: Date,
  now: Date,
):
  | { result: 'pass' }
  | { result: 'wait'; reason: string; nextCheckAt: Date }
  | { result: 'fail'; reason: string } {
  const { matched, summary } = judgeAnswer(settings, answer);
  if (matched) return { result: 'pass' };
  if (now.getTime() - startedAt.getTime() >= settings.timeoutMs) {
    return {
      result: 'fail',
      reason: `no matching answer in time; last: ${summary}`,
    };
  }
  return {
    result: 'wait',
    reason: `Checking again: ${summary}`,
    nextCheckAt: new Date(now.getTime() + settings.intervalMs),
  };
}
