import { parseAllDocuments } from 'yaml';

/** Largest YAML file read from a repository; delivery and version files are a few kilobytes. */
const DEFAULT_MAX_YAML_BYTES = 512 * 1024;
/** Alias expansions allowed before a document counts as an alias bomb ("billion laughs"). */
const DEFAULT_MAX_YAML_ALIASES = 100;

export interface SafeYamlOptions {
  maxBytes?: number;
  maxAliasCount?: number;
  /**
   * `core` (default) reads numbers and booleans as such. `failsafe` keeps every scalar a string as
   * written, which is what version values need (`1.10` stays `1.10`, not the number 1.1).
   */
  schema?: 'core' | 'failsafe';
}

/** A YAML file that cannot be read safely; the message says why and where. */
export class YamlReadError extends Error {
  constructor(message: string, readonly line?: number) {
    super(message);
    this.name = 'YamlReadError';
  }
}

function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/:\s*$/, '');
}

/**
 * Parses one YAML document into plain data, refusing oversized input, alias bombs, several documents
 * in one file and syntax errors (including duplicate keys). An empty file is `undefined`.
 */
export function parseYamlSafely(
  text: string,
  options: SafeYamlOptions = {},
): unknown {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_YAML_BYTES;
  const maxAliasCount = options.maxAliasCount ?? DEFAULT_MAX_YAML_ALIASES;
  const size = byteLength(text);
  if (size > maxBytes) {
    throw new YamlReadError(
      `is ${size} bytes, larger than the ${maxBytes} bytes allowed for a YAML file`,
    );
  }
  const documents = parseAllDocuments(text, {
    schema: options.schema ?? 'core',
    prettyErrors: true,
  });
  if (documents.length > 1) {
    throw new YamlReadError(
      `holds ${documents.length} YAML documents; put exactly one in the file`,
    );
  }
  if (documents.length === 0) {
    return undefined; // only comments or nothing at all
  }
  const [document] = documents;
  const error = document.errors[0];
  if (error) {
    throw new YamlReadError(
      `is not valid YAML: ${firstLine(error.message)}`,
      error.linePos?.[0].line,
    );
  }
  try {
    return document.toJS({ maxAliasCount });
  } catch (e) {
    if (e instanceof ReferenceError && /alias count/i.test(e.message)) {
      throw new YamlReadError(
        `expands YAML aliases more than ${maxAliasCount} times, which looks like an alias bomb; write the values out instead`,
      );
    }
    throw new YamlReadError(`cannot be read: ${(e as Error).message}`);
  }
}
