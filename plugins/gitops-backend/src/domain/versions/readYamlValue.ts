import { parseYamlSafely, YamlReadError } from '../yaml/safeYaml';
import {
  parseValuePath,
  PathSyntaxError,
  readPath,
} from '@slipway/plugin-gitops-common';

export type ValueReading =
  | { ok: true; value: string }
  | { ok: false; problem: string };

/**
 * Reads one scalar from a YAML file's text, as written (`1.10` stays `1.10`). Every failure comes
 * back as a readable problem naming the file: bad YAML, bad path, a missing or non-scalar value.
 */
export function readYamlValue(
  file: string,
  text: string,
  path: string,
): ValueReading {
  let data: unknown;
  try {
    data = parseYamlSafely(text, { schema: 'failsafe' });
  } catch (e) {
    if (e instanceof YamlReadError) {
      return { ok: false, problem: `${file} ${e.message}` };
    }
    throw e;
  }
  let reading;
  try {
    reading = readPath(data, parseValuePath(path));
  } catch (e) {
    if (e instanceof PathSyntaxError) {
      return { ok: false, problem: e.message };
    }
    throw e;
  }
  if (!reading.found) {
    return { ok: false, problem: `${file}: ${reading.reason}` };
  }
  const { value } = reading;
  if (typeof value !== 'string') {
    return {
      ok: false,
      problem: `${file}: ${path} is ${
        Array.isArray(value) ? 'a list' : 'a mapping'
      }, not a single value`,
    };
  }
  if (value.trim() === '') {
    return { ok: false, problem: `${file}: ${path} is empty` };
  }
  return { ok: true, value: value.trim() };
}
