import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Where the delivery repository is (`gitops.deliveryRepo`) and whether local repositories may be read. */
export interface DeliveryRepoConfig {
  url: string;
  branch: string;
  /** `gitops.git.allowLocal`: `file://` repositories are for the sandbox and development only. */
  allowLocal: boolean;
}

// A conservative subset of git-check-ref-format: no "..", no leading or trailing "/" or ".", no specials.
const BRANCH = /^(?!\/|.*(\.\.|\/\/|@\{|\.lock$|\/$|\.$))[A-Za-z0-9._\/-]+$/;

/**
 * `file://../repos/x.git` or `file://./x.git` (a relative path, which is not a valid file URL) as an
 * absolute file URL resolved against the backend's working directory, so app-config can point at the
 * sandbox with a relative default (`${SLIPWAY_SANDBOX_DIR:-../../.sandbox}`).
 */
function absoluteFileUrl(url: string, cwd: string): string {
  const path = url.slice('file://'.length);
  if (path.startsWith('/') || isAbsolute(path)) return url;
  return pathToFileURL(resolve(cwd, path)).href;
}

/**
 * Reads `gitops.deliveryRepo`; `undefined` when no delivery repository is configured. A `file://` URL
 * with a relative path is resolved against `cwd` (default: the process working directory).
 */
export function readDeliveryRepoConfig(
  config: Config,
  cwd: string = process.cwd(),
): DeliveryRepoConfig | undefined {
  const allowLocal =
    config.getOptionalBoolean('gitops.git.allowLocal') ?? false;
  const repo = config.getOptionalConfig('gitops.deliveryRepo');
  if (!repo) {
    return undefined;
  }
  const written = repo.getString('url').trim();
  const url = written.startsWith('file://')
    ? absoluteFileUrl(written, cwd)
    : written;
  const branch = repo.getOptionalString('branch')?.trim() || 'main';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InputError(
      `gitops.deliveryRepo.url: '${url}' is not a URL; use https://github.com/<owner>/<repo> or, with gitops.git.allowLocal, file:///path/to/repo.git`,
    );
  }
  if (parsed.protocol === 'file:') {
    if (!allowLocal) {
      throw new InputError(
        `gitops.deliveryRepo.url: '${url}' is a local repository; set gitops.git.allowLocal: true to read it (sandbox and development only)`,
      );
    }
  } else if (parsed.protocol !== 'https:') {
    throw new InputError(
      `gitops.deliveryRepo.url: '${url}' must be an https:// URL (or file:// with gitops.git.allowLocal)`,
    );
  }
  if (!BRANCH.test(branch)) {
    throw new InputError(
      `gitops.deliveryRepo.branch: '${branch}' is not a valid branch name`,
    );
  }
  return { url, branch, allowLocal };
}
