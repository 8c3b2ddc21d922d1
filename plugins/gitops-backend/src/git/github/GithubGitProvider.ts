import { Config } from '@backstage/config';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  DefaultGithubCredentialsProvider,
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
  ScmIntegrations,
} from '@backstage/integration';
import { Octokit } from '@octokit/rest';
import {
  branchName,
  BranchWriteQueue,
  collectChanges,
  commitAuthor,
  commitMessage,
  gitBlobSha,
  GitCommitInfo,
  GitCommitRequest,
  GitCommitResult,
  GitCommitStatusRequest,
  GitLogOptions,
  GitProvider,
  GitPullRequest,
  GitPullRequestRequest,
  GitRepoLocation,
  parseTrailers,
  repoDir,
  repoPath,
  RetryOptions,
  revision,
} from '@slipway/plugin-gitops-node';
import { githubError, githubMessage, githubStatus } from './githubErrors';
import { GithubRepo, parseGithubUrl } from './githubRepo';

export interface GithubGitProviderOptions {
  integrations: ScmIntegrationRegistry;
  /** Defaults to Backstage's provider over the same integrations (tokens and GitHub Apps). */
  credentialsProvider?: GithubCredentialsProvider;
  retry?: RetryOptions;
  /** Per-request timeout in ms (default 30000). */
  requestTimeoutMs?: number;
}

interface Client {
  octokit: Octokit;
  owner: string;
  repo: string;
  /** `owner/repo` for messages. */
  name: string;
  key: string;
}

interface Head {
  sha: string;
  tree: string;
}

interface FileAtCommit {
  content: string;
  blobSha: string;
}

const API_VERSION = '2022-11-28';
const PAGE = 100;
const STALE_READ_MS = 60_000;

/**
 * GitHub and GitHub Enterprise repositories through the REST API with `@backstage/integration`
 * credentials. Commits use the Git Data API (tree on `base_tree`, commit, ref update with
 * `force: false`), so a branch only ever moves by fast-forward; a 422 "not a fast forward" or a 409
 * re-reads the branch and rebuilds the change.
 *
 * A conflict-free single-file commit costs 5 calls: list commits (head SHA and tree SHA in one answer),
 * read the file, create the tree, create the commit, update the ref. Each further file read adds one.
 */
export class GithubGitProvider implements GitProvider {
  readonly kind = 'github';
  private readonly credentials: GithubCredentialsProvider;
  private readonly writes = new BranchWriteQueue();
  /** The last commit this provider put on each branch, to see through a stale read of the ref. */
  private readonly written = new Map<
    string,
    Head & { parent: string; at: number }
  >();

  static fromConfig(
    config: Config,
    options: Omit<GithubGitProviderOptions, 'integrations'> = {},
  ): GithubGitProvider {
    return new GithubGitProvider({
      ...options,
      integrations: ScmIntegrations.fromConfig(config),
    });
  }

  constructor(private readonly options: GithubGitProviderOptions) {
    this.credentials =
      options.credentialsProvider ??
      DefaultGithubCredentialsProvider.fromIntegrations(options.integrations);
  }

  supports(url: string): boolean {
    const parsed = parseGithubUrl(url);
    return !!parsed && !!this.options.integrations.github.byHost(parsed.host);
  }

  async resolveBranch(location: GitRepoLocation): Promise<string> {
    const client = await this.client(location.url);
    const branch = branchName(location.branch);
    try {
      const { data } = await client.octokit.git.getRef({
        owner: client.owner,
        repo: client.repo,
        ref: `heads/${branch}`,
      });
      return data.object.sha;
    } catch (error) {
      if (githubStatus(error) === 404) {
        throw new NotFoundError(
          `Branch '${branch}' not found in ${client.name} on GitHub`,
        );
      }
      throw githubError(error, `reading branch ${branch}`, client.name);
    }
  }

  async readFile(
    url: string,
    sha: string,
    path: string,
  ): Promise<string | undefined> {
    const client = await this.client(url);
    const file = await this.fetchFile(client, revision(sha), repoPath(path));
    return file?.content;
  }

  async listFiles(url: string, sha: string, dir: string): Promise<string[]> {
    const client = await this.client(url);
    const prefix = repoDir(dir);
    const { data } = await this.call(client, `listing files at ${sha}`, () =>
      client.octokit.git.getTree({
        owner: client.owner,
        repo: client.repo,
        tree_sha: revision(sha),
        recursive: 'true',
      }),
    );
    if (data.truncated) {
      throw new InputError(
        `The tree of ${client.name} at ${sha} is too large for GitHub to list in one answer`,
      );
    }
    return data.tree
      .filter(e => e.type === 'blob' && e.path)
      .map(e => e.path!)
      .filter(p => !prefix || p.startsWith(`${prefix}/`))
      .sort();
  }

  async changedPaths(url: string, sha: string): Promise<string[]> {
    const client = await this.client(url);
    const { data } = await this.call(client, `reading commit ${sha}`, () =>
      client.octokit.repos.getCommit({
        owner: client.owner,
        repo: client.repo,
        ref: sha,
      }),
    );
    return (data.files ?? []).map(file => file.filename);
  }

  async log(url: string, options: GitLogOptions): Promise<GitCommitInfo[]> {
    const client = await this.client(url);
    const to = revision(options.to);
    const limit = Math.max(1, options.limit ?? 250);
    const paths = (options.paths ?? []).map(p => repoDir(p)).filter(Boolean);
    const range = options.from
      ? await this.compare(client, revision(options.from), to)
      : undefined;
    if (range && paths.length === 0) {
      return range.slice(0, limit);
    }
    const inRange = range && new Set(range.map(c => c.sha));
    const found = new Map<string, GitCommitInfo>();
    for (const path of paths.length ? paths : [undefined]) {
      for (let page = 1; ; page++) {
        const { data } = await this.call(
          client,
          `listing commits of ${to}`,
          () =>
            client.octokit.repos.listCommits({
              owner: client.owner,
              repo: client.repo,
              sha: to,
              path,
              per_page: Math.min(PAGE, limit),
              page,
            }),
        );
        // Path histories come newest first; the first commit outside (from, to] ends the range.
        const end = inRange ? data.findIndex(c => !inRange.has(c.sha)) : -1;
        const inside = end === -1 ? data : data.slice(0, end);
        for (const item of inside) {
          found.set(
            item.sha,
            toCommitInfo(item.sha, item.commit, item.parents),
          );
        }
        if (
          inside.length < data.length ||
          data.length < Math.min(PAGE, limit) ||
          found.size >= limit
        ) {
          break;
        }
      }
    }
    return [...found.values()]
      .sort((a, b) => b.author.date.localeCompare(a.author.date))
      .slice(0, limit);
  }

  async commit(request: GitCommitRequest): Promise<GitCommitResult> {
    const client = await this.client(request.repo.url);
    const branch = branchName(request.repo.branch);
    const message = commitMessage(request.message, request.trailers);
    const author = commitAuthor(request.author);
    return this.writes.run(
      `${client.key}\0${branch}`,
      `Commit to ${branch} of ${client.name}`,
      this.options.retry ?? {},
      () => this.attemptCommit(client, branch, message, { ...request, author }),
    );
  }

  async openPullRequest(
    request: GitPullRequestRequest,
  ): Promise<GitPullRequest | undefined> {
    const client = await this.client(request.repo.url);
    const base = branchName(request.repo.branch);
    const head = branchName(request.headBranch);
    if (head === base) {
      throw new InputError(
        'A pull request needs a head branch other than its base',
      );
    }
    const baseSha = await this.resolveBranch(request.repo);
    const created = await this.createBranch(client, head, baseSha);
    const result = await this.commit({
      ...request,
      repo: { url: request.repo.url, branch: head },
    });
    if (!result.sha && created) {
      await this.deleteBranch(client, head);
      return undefined;
    }
    try {
      const { data } = await client.octokit.pulls.create({
        owner: client.owner,
        repo: client.repo,
        head,
        base,
        title: request.title,
        body: request.body,
      });
      return toPullRequest(data);
    } catch (error) {
      const message = githubStatus(error) === 422 ? githubMessage(error) : '';
      if (/pull request already exists/i.test(message)) {
        const { data } = await this.call(
          client,
          `finding the pull request for ${head}`,
          () =>
            client.octokit.pulls.list({
              owner: client.owner,
              repo: client.repo,
              head: `${client.owner}:${head}`,
              base,
              state: 'open',
            }),
        );
        if (data[0]) {
          return toPullRequest(data[0]);
        }
      }
      if (/no commits between/i.test(message)) {
        if (created) {
          await this.deleteBranch(client, head);
        }
        return undefined;
      }
      throw githubError(
        error,
        `opening a pull request from ${head}`,
        client.name,
      );
    }
  }

  async getPullRequest(url: string, number: number): Promise<GitPullRequest> {
    const client = await this.client(url);
    const { data } = await this.call(
      client,
      `reading pull request #${number}`,
      () =>
        client.octokit.pulls.get({
          owner: client.owner,
          repo: client.repo,
          pull_number: number,
        }),
    );
    return toPullRequest(data);
  }

  /** `POST /repos/{owner}/{repo}/statuses/{sha}`: one call, shown on the commit and its pull request. */
  async setCommitStatus(request: GitCommitStatusRequest): Promise<void> {
    const client = await this.client(request.url);
    await this.call(
      client,
      `setting the ${request.context} status of ${request.sha}`,
      () =>
        client.octokit.repos.createCommitStatus({
          owner: client.owner,
          repo: client.repo,
          sha: request.sha,
          state: request.state,
          context: request.context,
          // GitHub refuses descriptions over 140 characters.
          description: request.description.slice(0, 140),
          ...(request.targetUrl ? { target_url: request.targetUrl } : {}),
        }),
    );
  }

  private async attemptCommit(
    client: Client,
    branch: string,
    message: string,
    request: GitCommitRequest,
  ): Promise<Omit<GitCommitResult, 'attempts'> | 'lost-race'> {
    const head = await this.branchHead(client, branch);
    const current = new Map<string, FileAtCommit | undefined>();
    const read = async (path: string) => {
      const file = await this.fetchFile(client, head.sha, path);
      current.set(path, file);
      return file?.content;
    };
    const changes = await collectChanges(request.changes, head.sha, read);
    for (const change of changes) {
      if (!current.has(change.path)) {
        await read(change.path); // its blob SHA tells whether the change is already there
      }
    }
    const changed = changes.filter(
      c => current.get(c.path)?.blobSha !== gitBlobSha(c.content),
    );
    if (changed.length === 0) {
      return { sha: undefined, baseSha: head.sha, changedPaths: [] };
    }

    const { owner, repo, octokit } = client;
    let sha: string;
    try {
      const tree = await octokit.git.createTree({
        owner,
        repo,
        base_tree: head.tree,
        tree: changed.map(c => ({
          path: c.path,
          mode: '100644' as const,
          type: 'blob' as const,
          content: c.content,
        })),
      });
      const commit = await octokit.git.createCommit({
        owner,
        repo,
        message,
        tree: tree.data.sha,
        parents: [head.sha],
        author: { name: request.author.name, email: request.author.email },
      });
      sha = commit.data.sha;
      await octokit.git.updateRef({
        owner,
        repo,
        ref: `heads/${branch}`,
        sha,
        force: false,
      });
      this.written.set(`${client.key}\0${branch}`, {
        sha,
        tree: tree.data.sha,
        parent: head.sha,
        at: Date.now(),
      });
    } catch (error) {
      const status = githubStatus(error);
      const text = githubMessage(error);
      if (
        status === 409 ||
        (status === 422 && /not a fast.?forward/i.test(text))
      ) {
        return 'lost-race';
      }
      if (status === 422 && /reference does not exist/i.test(text)) {
        throw new NotFoundError(
          `Branch '${branch}' not found in ${client.name} on GitHub`,
        );
      }
      throw githubError(error, `committing to ${branch}`, client.name);
    }
    return {
      sha,
      baseSha: head.sha,
      changedPaths: changed.map(c => c.path),
    };
  }

  /** The branch head and its tree in one call. */
  private async branchHead(client: Client, branch: string): Promise<Head> {
    let data;
    try {
      ({ data } = await client.octokit.repos.listCommits({
        owner: client.owner,
        repo: client.repo,
        sha: branch,
        per_page: 1,
      }));
    } catch (error) {
      if (githubStatus(error) === 404 || githubStatus(error) === 422) {
        throw new NotFoundError(
          `Branch '${branch}' not found in ${client.name} on GitHub`,
        );
      }
      throw githubError(error, `reading branch ${branch}`, client.name);
    }
    if (!data[0]) {
      throw new NotFoundError(
        `Branch '${branch}' of ${client.name} has no commits`,
      );
    }
    const head = { sha: data[0].sha, tree: data[0].commit.tree.sha };
    // Reads can lag our own writes by up to a minute (edge caching): reading the parent of what we just
    // wrote means the answer is stale, not that the branch went back.
    const ours = this.written.get(`${client.key}\0${branch}`);
    return ours &&
      ours.parent === head.sha &&
      Date.now() - ours.at < STALE_READ_MS
      ? { sha: ours.sha, tree: ours.tree }
      : head;
  }

  private async fetchFile(
    client: Client,
    ref: string,
    path: string,
  ): Promise<FileAtCommit | undefined> {
    let data;
    try {
      ({ data } = await client.octokit.repos.getContent({
        owner: client.owner,
        repo: client.repo,
        path,
        ref,
      }));
    } catch (error) {
      if (githubStatus(error) === 404) {
        return undefined;
      }
      throw githubError(error, `reading ${path} at ${ref}`, client.name);
    }
    if (Array.isArray(data) || data.type !== 'file') {
      return undefined;
    }
    if (!('content' in data) || (data.encoding === 'none' && data.size > 0)) {
      throw new InputError(
        `${path} in ${client.name} is larger than 1 MB; Slipway does not read or edit files that large`,
      );
    }
    return {
      content: Buffer.from(data.content, 'base64').toString('utf8'),
      blobSha: data.sha,
    };
  }

  /** Commits in (from, to], newest first. */
  private async compare(
    client: Client,
    from: string,
    to: string,
  ): Promise<GitCommitInfo[]> {
    const commits: GitCommitInfo[] = [];
    for (let page = 1; ; page++) {
      const { data } = await this.call(
        client,
        `comparing ${from}...${to}`,
        () =>
          client.octokit.repos.compareCommitsWithBasehead({
            owner: client.owner,
            repo: client.repo,
            basehead: `${from}...${to}`,
            per_page: PAGE,
            page,
          }),
      );
      for (const c of data.commits) {
        commits.push(toCommitInfo(c.sha, c.commit, c.parents));
      }
      if (data.commits.length < PAGE || commits.length >= data.total_commits) {
        return commits.reverse();
      }
    }
  }

  /** Creates the branch at `sha`; false when it already exists (a retried promotion reuses it). */
  private async createBranch(
    client: Client,
    branch: string,
    sha: string,
  ): Promise<boolean> {
    try {
      await client.octokit.git.createRef({
        owner: client.owner,
        repo: client.repo,
        ref: `refs/heads/${branch}`,
        sha,
      });
      return true;
    } catch (error) {
      if (
        githubStatus(error) === 422 &&
        /already exists/i.test(githubMessage(error))
      ) {
        return false;
      }
      throw githubError(error, `creating branch ${branch}`, client.name);
    }
  }

  private async deleteBranch(client: Client, branch: string): Promise<void> {
    await this.call(client, `deleting branch ${branch}`, () =>
      client.octokit.git.deleteRef({
        owner: client.owner,
        repo: client.repo,
        ref: `heads/${branch}`,
      }),
    );
  }

  private async call<T>(
    client: Client,
    what: string,
    fn: () => Promise<T>,
  ): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw githubError(error, what, client.name);
    }
  }

  private async client(url: string): Promise<Client> {
    const parsed: GithubRepo | undefined = parseGithubUrl(url);
    const integration =
      parsed && this.options.integrations.github.byHost(parsed.host);
    if (!parsed || !integration) {
      throw new InputError(
        `'${url}' is not a repository URL of a configured GitHub integration`,
      );
    }
    const { token } = await this.credentials.getCredentials({
      url: parsed.url,
    });
    const octokit = new Octokit({
      baseUrl: integration.config.apiBaseUrl,
      auth: token,
      userAgent: 'slipway-gitops',
    });
    const timeoutMs = this.options.requestTimeoutMs ?? 30_000;
    octokit.hook.before('request', options => {
      options.headers['x-github-api-version'] = API_VERSION;
      options.request = {
        ...options.request,
        signal: AbortSignal.timeout(timeoutMs),
      };
    });
    return {
      octokit,
      owner: parsed.owner,
      repo: parsed.repo,
      name: `${parsed.owner}/${parsed.repo}`,
      key: `${integration.config.apiBaseUrl}/${parsed.owner}/${parsed.repo}`,
    };
  }
}

function toCommitInfo(
  sha: string,
  commit: {
    message: string;
    author: { name?: string; email?: string; date?: string } | null;
  },
  parents: { sha: string }[],
): GitCommitInfo {
  return {
    sha,
    message: commit.message,
    author: {
      name: commit.author?.name ?? '',
      email: commit.author?.email ?? '',
      date: commit.author?.date ?? '',
    },
    parents: parents.map(p => p.sha),
    trailers: parseTrailers(commit.message),
  };
}

function toPullRequest(data: {
  html_url: string;
  number: number;
  state: string;
  merged?: boolean;
  merged_at: string | null;
  merge_commit_sha: string | null;
  head: { ref: string; sha: string };
}): GitPullRequest {
  const merged = data.merged ?? data.merged_at !== null;
  return {
    url: data.html_url,
    number: data.number,
    headBranch: data.head.ref,
    headSha: data.head.sha,
    state: pullState(merged, data.state),
    ...(merged && data.merge_commit_sha
      ? { mergeSha: data.merge_commit_sha }
      : {}),
  };
}

function pullState(merged: boolean, state: string): GitPullRequest['state'] {
  if (merged) {
    return 'merged';
  }
  return state === 'closed' ? 'closed' : 'open';
}
