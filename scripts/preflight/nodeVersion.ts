/** The Node.js major versions Slipway runs on (package.json `engines`). */
export const SUPPORTED_NODE_MAJORS = [22, 24];

/**
 * What is wrong with running on Node.js `version` (e.g. `20.11.1`), with how to get a supported one;
 * undefined when it is supported.
 */
export function nodeVersionProblem(version: string): string | undefined {
  const major = Number(version.replace(/^v/, '').split('.')[0]);
  if (SUPPORTED_NODE_MAJORS.includes(major)) return undefined;
  return [
    `Slipway needs Node.js 22 or 24; this is Node.js ${version}.`,
    'Install Node.js 22 (for example `nvm install 22 && nvm use 22`, or `fnm use --install-if-missing 22`),',
    'then run `npm install` and this command again.',
  ].join('\n');
}

/** Stops the process with the problem when this Node.js is not supported. */
export function assertSupportedNode(version = process.versions.node): void {
  const problem = nodeVersionProblem(version);
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
}
