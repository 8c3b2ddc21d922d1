import { Config } from '@backstage/config';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  ScmIntegrationRegistry,
  ScmIntegrations,
} from '@backstage/integration';
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
  RepoPermissionAnswer,
  RepoPermissionSubject,
  RetryOptions,
  revision,
} from '@slipway/plugin-gitops-node';
import {
  GitlabApi,
  gitlabApi,
  GitlabClientOptions,
} from './client/gitlabClient';
import {
  gitlabError,
  gitlabMessage,
  gitlabStatus,
} from './client/gitlabErrors';
import { GitlabProject, parseGitlabUrl } from './client/gitlabProject';
import { GitlabModuleConfig, readGitlabConfig } from './gitlabConfig';
import { GitlabPermissions } from './permissions/GitlabPermissions';

export interface GitlabGitProviderOptions {
  integrations: ScmIntegrationRegistry;
  config: GitlabModuleConfig;
  retry?: RetryOptions;
  client?: GitlabClientOptions;
}

interface Client {
  api: GitlabApi;
  project: GitlabProject;
  /** `group/project` for messages and the API's `:id`. */
  name: string;
}

interface FileAtCommit {
  content: string;
  blobId: string;
  /** The last commit that changed the file: GitLab's compare-and-swap token for an `update`. */
  lastCommitId: string;
}

interface CommitEntity {
  id: string;
  message: string;
  parent_ids?: string[];
  author_name?: string;
  author_email?: string;
  authored_date?: string;
}

interface MergeRequestEntity {
  iid: number;
  web_url: string;
  state: string;
  source_branch: string;
  sha: string;
  merge_commit_sha?: string | null;
  squash_commit_sha?: string | null;
}

const PAGE = 100;

/** GitLab's names for Slipway's commit states. */
const COMMIT_STATES = {
  pending: 'pending',
  success: 'success',
  failure: 'failed',
} as const;

/**
 * GitLab's answers to a commit whose files another writer changed, created or deleted after Slipway
 * read them (Commits API, 400): the edit was computed on stale files, so it is rebuilt on the new head.
 */
const LOST_RACE =
  /has changed since you started editing it|file with this name (?:doesn't|does not) exist|file with this name already exists|file to be \w+ `[^`]*` does not exist|a file with the name `[^`]*` already exists/i;

/**
 * GitLab projects (gitlab.com or self-managed) through the REST API v4 with the token of their
 * `integrations.gitlab` entry.
 *
 * A commit is one `POST /projects/:id/repository/commits` with an action per file: `update` carries
 * the file's `last_commit_id`, so GitLab refuses it (400) when another writer changed the file after
 * Slipway read it, `create` is refused when someone created the file meanwhile. The provider then
 * re-reads the branch head and calls the change builder again, with the bounded, jittered retries
 * of `BranchWriteQueue`. GitLab commits onto the branch's current head itself and never moves a
 * branch backwards; Slipway never sends `force`.
 *
 * A conflict-free single-file commit costs 3 calls: the branch head, the file, the commit.
 */
export class GitlabGitProvider implements GitProvider {
  readonly kind = 'gitlab';
  private readonly writes = new BranchWriteQueue();
  private readonly apis = new Map<string, GitlabApi>();
  private readonly permissions: GitlabPermissions;

  static fromConfig(
    config: Config,
    options: Omit<GitlabGitProviderOptions, 'integrations' | 'config'> = {},
  ): GitlabGitProvider {
    return new GitlabGitProvider({
      ...options,
      integrations: ScmIntegrations.fromConfig(config),
      config: readGitlabConfig(config),
    });
  }

  constructor(private readonly options: GitlabGitProviderOptions) {
    this.permissions = new GitlabPermissions({
      api: project => this.apiFor(project),
      minimumAccessLevel: options.config.minimumAccessLevel,
      usernames: options.config.usernames,
      cacheTtlMs: options.config.permissionCacheMs,
    });
  }

  /** The GitLab hosts served: those of `integrations.gitlab` with a token. */
  hosts(): string[] {
    return this.options.integrations.gitlab
      .list()
      .filter(i => i.config.token)
      .map(i => i.config.host);
  }

  supports(url: string): boolean {
    return !!parseGitlabUrl(this.options.integrations, url)?.integration.config
      .token;
  }

  async repositoryPermission(
    subject: RepoPermissionSubject,
    url: string,
  ): Promise<RepoPermissionAnswer> {
    return this.permissions.repositoryPermission(
      subject,
      this.client(url).project,
    );
  }

  async resolveBranch(location: GitRepoLocation): Promise<string> {
    return this.branchHead(
      this.client(location.url),
      branchName(location.branch),
    );
  }

  async readFile(
    url: string,
    sha: string,
    path: string,
  ): Promise<string | undefined> {
    const file = await this.fetchFile(
      this.client(url),
      revision(sha),
      repoPath(path),
    );
    return file?.content;
  }

  async listFiles(url: string, sha: string, dir: string): Promise<string[]> {
    const client = this.client(url);
    const prefix = repoDir(dir);
    let entries;
    try {
      entries = await client.api.Repositories.allRepositoryTrees(client.name, {
        ref: revision(sha),
        recursive: true,
        ...(prefix ? { path: prefix } : {}),
        perPage: PAGE,
        pagination: 'keyset',
      });
    } catch (error) {
      // A directory that does not exist at the commit has no files.
      if (
        gitlabStatus(error) === 404 &&
        /tree not found/i.test(gitlabMessage(error))
      ) {
        return [];
      }
      throw gitlabError(error, `listing files at ${sha}`, client.name);
    }
    return entries
      .filter(e => e.type === 'blob')
      .map(e => String(e.path))
      .filter(p => !prefix || p.startsWith(`${prefix}/`))
      .sort();
  }

  async changedPaths(url: string, sha: string): Promise<string[]> {
    const client = this.client(url);
    const diffs = await this.call(client, `reading commit ${sha}`, () =>
      client.api.Commits.showDiff(client.name, revision(sha), {
        perPage: PAGE,
      }),
    );
    return [...new Set(diffs.map(d => String(d.new_path)))];
  }

  async log(url: string, options: GitLogOptions): Promise<GitCommitInfo[]> {
    const client = this.client(url);
    const to = revision(options.to);
    const limit = Math.max(1, options.limit ?? 250);
    const paths = (options.paths ?? []).map(p => repoDir(p)).filter(Boolean);
    const from = options.from ? revision(options.from) : undefined;
    if (from && paths.length === 0) {
      return (await this.compare(client, from, to)).slice(0, limit);
    }
    // A revision range as `ref_name` gives exactly (from, to], path by path.
    const refName = from ? `${from}..${to}` : to;
    const perPage = Math.min(PAGE, limit);
    const found = new Map<string, GitCommitInfo>();
    for (const path of paths.length ? paths : [undefined]) {
      const commits = await this.call(client, `listing commits of ${to}`, () =>
        client.api.Commits.all(client.name, {
          refName,
          ...(path ? { path } : {}),
          perPage,
          maxPages: Math.ceil(limit / perPage),
        }),
      );
      for (const commit of commits as unknown as CommitEntity[]) {
        found.set(commit.id, toCommitInfo(commit));
      }
    }
    return [...found.values()]
      .sort((a, b) => b.author.date.localeCompare(a.author.date))
      .slice(0, limit);
  }

  async commit(request: GitCommitRequest): Promise<GitCommitResult> {
    const client = this.client(request.repo.url);
    const branch = branchName(request.repo.branch);
    const message = commitMessage(request.message, request.trailers);
    const author = commitAuthor(request.author);
    return this.writes.run(
      `${client.project.url}\0${branch}`,
      `Commit to ${branch} of ${client.name}`,
      this.options.retry ?? {},
      () => this.attemptCommit(client, branch, message, { ...request, author }),
    );
  }

  async openPullRequest(
    request: GitPullRequestRequest,
  ): Promise<GitPullRequest | undefined> {
    const client = this.client(request.repo.url);
    const base = branchName(request.repo.branch);
    const head = branchName(request.headBranch);
    if (head === base) {
      throw new InputError(
        'A merge request needs a source branch other than its target',
      );
    }
    const baseSha = await this.branchHead(client, base);
    const created = await this.createBranch(client, head, baseSha);
    const result = await this.commit({
      ...request,
      repo: { url: request.repo.url, branch: head },
    });
    if (!result.sha && !(await this.isAhead(client, base, head))) {
      if (created) await this.deleteBranch(client, head);
      return undefined;
    }
    try {
      const mr = await client.api.MergeRequests.create(
        client.name,
        head,
        base,
        request.title,
        {
          description: request.body,
          labels: this.options.config.mergeRequestLabels.join(','),
        },
      );
      return toPullRequest(mr as unknown as MergeRequestEntity);
    } catch (error) {
      if (
        gitlabStatus(error) === 409 &&
        /already exists/i.test(gitlabMessage(error))
      ) {
        const open = await this.call(
          client,
          `finding the merge request for ${head}`,
          () =>
            client.api.MergeRequests.all({
              projectId: client.name,
              sourceBranch: head,
              targetBranch: base,
              state: 'opened',
            }),
        );
        if (open[0]) {
          return toPullRequest(open[0] as unknown as MergeRequestEntity);
        }
      }
      throw gitlabError(
        error,
        `opening a merge request from ${head}`,
        client.name,
      );
    }
  }

  /**
   * A commit status named by the context (`POST /projects/:id/statuses/:sha`), shown on the commit and
   * its merge requests. GitLab answers 400 "Cannot transition status" when the status already is in
   * that state, which is what Slipway asked for.
   */
  async setCommitStatus(request: GitCommitStatusRequest): Promise<void> {
    const client = this.client(request.url);
    try {
      await client.api.Commits.editStatus(
        client.name,
        revision(request.sha),
        COMMIT_STATES[request.state],
        {
          name: request.context,
          // GitLab keeps at most 255 characters of a description.
          description: request.description.slice(0, 255),
          ...(request.targetUrl ? { targetUrl: request.targetUrl } : {}),
        },
      );
    } catch (error) {
      if (
        gitlabStatus(error) === 400 &&
        /cannot transition status/i.test(gitlabMessage(error))
      ) {
        return;
      }
      throw gitlabError(
        error,
        `setting the ${request.context} status of ${request.sha}`,
        client.name,
      );
    }
  }

  async getPullRequest(url: string, number: number): Promise<GitPullRequest> {
    const client = this.client(url);
    const mr = await this.call(client, `reading merge request !${number}`, () =>
      client.api.MergeRequests.show(client.name, number),
    );
    return toPullRequest(mr as unknown as MergeRequestEntity);
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
      const file = await this.fetchFile(client, head, path);
      current.set(path, file);
      return file?.content;
    };
    const changes = await collectChanges(request.changes, head, read);
    for (const change of changes) {
      if (!current.has(change.path)) {
        await read(change.path); // its blob id tells whether the change is already there
      }
    }
    const changed = changes.filter(
      c => current.get(c.path)?.blobId !== gitBlobSha(c.content),
    );
    if (changed.length === 0) {
      return { sha: undefined, baseSha: head, changedPaths: [] };
    }
    const actions = changed.map(c => {
      const file = current.get(c.path);
      const content = Buffer.from(c.content, 'utf8').toString('base64');
      return file
        ? {
            action: 'update' as const,
            filePath: c.path,
            content,
            encoding: 'base64',
            lastCommitId: file.lastCommitId,
          }
        : {
            action: 'create' as const,
            filePath: c.path,
            content,
            encoding: 'base64',
          };
    });
    let commit;
    try {
      commit = await client.api.Commits.create(
        client.name,
        branch,
        message,
        actions,
        { authorName: request.author.name, authorEmail: request.author.email },
      );
    } catch (error) {
      if (gitlabStatus(error) === 400 && LOST_RACE.test(gitlabMessage(error))) {
        return 'lost-race';
      }
      throw gitlabError(error, `committing to ${branch}`, client.name);
    }
    return {
      sha: String(commit.id),
      baseSha: head,
      changedPaths: changed.map(c => c.path),
    };
  }

  private async branchHead(client: Client, branch: string): Promise<string> {
    try {
      const data = await client.api.Branches.show(client.name, branch);
      return String(data.commit.id);
    } catch (error) {
      if (
        gitlabStatus(error) === 404 &&
        /branch not found/i.test(gitlabMessage(error))
      ) {
        throw new NotFoundError(
          `Branch '${branch}' not found in ${client.name} on GitLab`,
        );
      }
      throw gitlabError(error, `reading branch ${branch}`, client.name);
    }
  }

  private async fetchFile(
    client: Client,
    ref: string,
    path: string,
  ): Promise<FileAtCommit | undefined> {
    let data;
    try {
      data = await client.api.RepositoryFiles.show(client.name, path, ref);
    } catch (error) {
      if (
        gitlabStatus(error) === 404 &&
        /file not found/i.test(gitlabMessage(error))
      ) {
        return undefined;
      }
      throw gitlabError(error, `reading ${path} at ${ref}`, client.name);
    }
    return {
      content: Buffer.from(String(data.content), 'base64').toString('utf8'),
      blobId: String(data.blob_id),
      lastCommitId: String(data.last_commit_id),
    };
  }

  /** Commits in (from, to], newest first, in one answer. */
  private async compare(
    client: Client,
    from: string,
    to: string,
  ): Promise<GitCommitInfo[]> {
    const data = await this.call(client, `comparing ${from}...${to}`, () =>
      client.api.Repositories.compare(client.name, from, to),
    );
    return (data.commits as unknown as CommitEntity[])
      .map(toCommitInfo)
      .reverse();
  }

  /** Whether `head` has commits `base` lacks (a reused branch that already holds the change). */
  private async isAhead(
    client: Client,
    base: string,
    head: string,
  ): Promise<boolean> {
    return (await this.compare(client, base, head)).length > 0;
  }

  /** Creates the branch at `sha`; false when it already exists (a retried promotion reuses it). */
  private async createBranch(
    client: Client,
    branch: string,
    sha: string,
  ): Promise<boolean> {
    try {
      await client.api.Branches.create(client.name, branch, sha);
      return true;
    } catch (error) {
      if (
        gitlabStatus(error) === 400 &&
        /already exists/i.test(gitlabMessage(error))
      ) {
        return false;
      }
      throw gitlabError(error, `creating branch ${branch}`, client.name);
    }
  }

  private async deleteBranch(client: Client, branch: string): Promise<void> {
    await this.call(client, `deleting branch ${branch}`, () =>
      client.api.Branches.remove(client.name, branch),
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
      throw gitlabError(error, what, client.name);
    }
  }

  private client(url: string): Client {
    const project = parseGitlabUrl(this.options.integrations, url);
    if (!project || !project.integration.config.token) {
      throw new InputError(
        `'${url}' is not a project URL of a configured GitLab integration with a token`,
      );
    }
    return { api: this.apiFor(project), project, name: project.path };
  }

  private apiFor(project: GitlabProject): GitlabApi {
    const { host } = project.integration.config;
    let api = this.apis.get(host);
    if (!api) {
      api = gitlabApi(project.integration, this.options.client);
      this.apis.set(host, api);
    }
    return api;
  }
}

function toCommitInfo(commit: CommitEntity): GitCommitInfo {
  return {
    sha: commit.id,
    message: commit.message,
    author: {
      name: commit.author_name ?? '',
      email: commit.author_email ?? '',
      date: commit.authored_date ?? '',
    },
    parents: commit.parent_ids ?? [],
    trailers: parseTrailers(commit.message),
  };
}

function toPullRequest(mr: MergeRequestEntity): GitPullRequest {
  const merged = mr.state === 'merged';
  const mergeSha = mr.merge_commit_sha ?? mr.squash_commit_sha ?? mr.sha;
  return {
    url: mr.web_url,
    number: mr.iid,
    headBranch: mr.source_branch,
    headSha: mr.sha,
    state: pullState(mr.state),
    // A fast-forward merge creates no merge commit: the source head is then what the target holds.
    ...(merged && mergeSha ? { mergeSha } : {}),
  };
}

/**
 * GitLab's `opened` and `locked` (being merged) are open; a merge request with conflicts stays open,
 * as on GitHub, until a person resolves them, merges or closes it.
 */
function pullState(state: string): GitPullRequest['state'] {
  if (state === 'merged') return 'merged';
  return state === 'closed' ? 'closed' : 'open';
}
