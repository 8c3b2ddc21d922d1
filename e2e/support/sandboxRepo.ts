import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parse } from 'yaml';

/** Runs git on the sandbox's app-manifests repository (a bare repository). */
export function sandboxGit(sandboxDir: string, ...args: string[]): string {
  return execFileSync(
    'git',
    [`--git-dir=${join(sandboxDir, 'repos', 'app-manifests.git')}`, ...args],
    { encoding: 'utf8' },
  );
}

/** `appVersion` of an app in an environment, as the sandbox's app-manifests repository holds it on main. */
export function repoVersion(
  sandboxDir: string,
  app: string,
  environment: string,
): string {
  const chart = sandboxGit(
    sandboxDir,
    'show',
    `main:apps/${app}/${environment}/Chart.yaml`,
  );
  return String(parse(chart).appVersion);
}
