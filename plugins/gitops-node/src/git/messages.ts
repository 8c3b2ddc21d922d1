import { InputError } from '@backstage/errors';
import { GitAuthor } from './types';

const TRAILER_KEY = /^[A-Za-z0-9][A-Za-z0-9-]*$/;
const TRAILER_LINE = /^([A-Za-z0-9][A-Za-z0-9-]*):[ \t]*(.*)$/;

/** The message with `Key: value` trailers in their own last paragraph, the way `git interpret-trailers` writes them. */
export function commitMessage(
  message: string,
  trailers: Record<string, string> = {},
): string {
  const body = message.replace(/\s+$/, '');
  if (body === '') {
    throw new InputError('A commit message is required');
  }
  const lines = Object.entries(trailers).map(([key, value]) => {
    if (!TRAILER_KEY.test(key) || /[\r\n]/.test(value)) {
      throw new InputError(
        `Invalid commit trailer '${key}': keys are letters, digits and dashes; values are one line`,
      );
    }
    return `${key}: ${value}`;
  });
  return lines.length ? `${body}\n\n${lines.join('\n')}\n` : `${body}\n`;
}

/** Trailers of a message: its last paragraph when every line of it is `Key: value` (and it is not the subject). */
export function parseTrailers(message: string): Record<string, string> {
  const paragraphs = message.trim().split(/\n[ \t]*\n/);
  if (paragraphs.length < 2) {
    return {};
  }
  const trailers: Record<string, string> = {};
  for (const line of paragraphs[paragraphs.length - 1].split('\n')) {
    const match = TRAILER_LINE.exec(line.trim());
    if (!match) {
      return {};
    }
    trailers[match[1]] = match[2].trim();
  }
  return trailers;
}

/** An author git can record as given: a name and an email, one line each, without `<` or `>`. */
export function commitAuthor(author: GitAuthor): GitAuthor {
  const ok = (value: unknown) =>
    typeof value === 'string' && value.trim() !== '' && !/[<>\r\n]/.test(value);
  if (!ok(author?.name) || !ok(author?.email)) {
    throw new InputError(
      'A commit author needs a name and an email (one line each, without < or >)',
    );
  }
  return { name: author.name.trim(), email: author.email.trim() };
}
