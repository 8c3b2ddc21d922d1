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

