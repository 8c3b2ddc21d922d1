import { createTwoFilesPatch } from 'diff';

/**
 * A git-style unified diff of one file (`--- a/path`, `+++ b/path`, hunks with three lines of
 * context); empty when nothing changed, so a preview can say "no change".
 */
export function unifiedDiff(
  path: string,
  before: string,
  after: string,
): string {
  if (before === after) {
    return '';
  }
  const patch = createTwoFilesPatch(
    `a/${path}`,
    `b/${path}`,
    before,
    after,
    '',
    '',
    {
      context: 3,
    },
  );
  return patch
    .split('\n')
    .filter(line => !/^={3,}$/.test(line))
    .map(line => (/^(---|\+\+\+) /.test(line) ? line.replace(/\t$/, '') : line))
    .join('\n');
}
