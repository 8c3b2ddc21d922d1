import { createHash } from 'node:crypto';

/** A GitHub (or GitHub Enterprise) repository named by its web URL. */
export interface GithubRepo {
  host: string;
  owner: string;
  repo: string;
  /** `https://host/owner/repo`, the form credentials are looked up by. */
  url: string;
}

/** `https://host/owner/repo`, optionally ending in `.git` or `/`; anything else is not a repository URL. */
export function parseGithubUrl(url: string): GithubRepo | undefined {
  const match =
    /^https:\/\/([^/\s]+)\/([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(url);
  if (!match) {
    return undefined;
  }
  const [, host, owner, repo] = match;
  return { host, owner, repo, url: `https://${host}/${owner}/${repo}` };
}

/** The SHA git gives a blob with this content; equal SHAs mean the file already holds it. */
export function gitBlobSha(content: string): string {
  const bytes = Buffer.from(content, 'utf8');
  return createHash('sha1')
    .update(`blob ${bytes.length}\0`)
    .update(bytes)
    .digest('hex');
}
