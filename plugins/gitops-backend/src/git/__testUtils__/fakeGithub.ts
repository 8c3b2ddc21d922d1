import { createHash } from 'node:crypto';
import { http, HttpResponse } from 'msw';
import {
  bodyProblems,
  loadGithubSubset,
  SubsetRoute,
  subsetRoutes,
} from './githubSubset';

/**
 * An in-memory GitHub repository behind msw: the routes and request schemas are those of
 * `shared/github/subset.json`, answers are the subset's examples with real values filled in, and the
 * Git data really composes (trees on base trees, fast-forward checks on ref updates, pull requests).
 */

interface Commit {
  sha: string;
  tree: string;
  parents: string[];
  message: string;
  author: { name: string; email: string; date: string };
  order: number;
}

interface PullRequest {
  number: number;
  head: string;
  base: string;
  title: string;
  body: string;
  state: 'open' | 'closed';
  mergeSha?: string;
}

export interface RecordedCall {
  operationId: string;
  method: string;
  path: string;
  body?: any;
}

type Interceptor = (
  call: RecordedCall,
) => Response | void | Promise<Response | void>;

const subset = loadGithubSubset();
/**
 * `POST /repos/{owner}/{repo}/statuses/{sha}` ("Create a commit status"), which the shared subset does
 * not hold: its request body as GitHub's REST reference describes it.
 */
const commitStatusRoute: SubsetRoute = {
  method: 'POST',
  template: '/repos/{owner}/{repo}/statuses/{sha}',
  operationId: 'repos/create-commit-status',
  pattern: /^\/repos\/([^/]+)\/([^/]+)\/statuses\/([^/]+)$/,
  params: ['owner', 'repo', 'sha'],
  bodySchema: {
    type: 'object',
    required: ['state'],
    properties: {
      state: {
        type: 'string',
        enum: ['error', 'failure', 'pending', 'success'],
      },
      target_url: { type: 'string', nullable: true },
      description: { type: 'string', nullable: true },
      context: { type: 'string' },
    },
  },
};
const routes = [...subsetRoutes(subset), commitStatusRoute];
const example = (name: string) =>
  structuredClone(subset.components.examples[name].value);

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');
const blobSha = (content: string) => {
  const bytes = Buffer.from(content, 'utf8');
  return createHash('sha1')
    .update(`blob ${bytes.length}\0`)
    .update(bytes)
    .digest('hex');
};
const error = (status: number, message: string, extra: object = {}) =>
  HttpResponse.json(
    {
      message,
      documentation_url: 'https://docs.github.com/rest',
      status: String(status),
      ...extra,
    },
    { status },
  );

export class FakeGithub {
  readonly calls: RecordedCall[] = [];
  /** Request bodies that broke the subset's schema; tests expect none. */
  readonly invalidRequests: string[] = [];
  private readonly blobs = new Map<string, string>();
  private readonly trees = new Map<string, Map<string, string>>(); // tree sha -> path -> blob sha
  private readonly commits = new Map<string, Commit>();
  private readonly refs = new Map<string, string>(); // 'heads/main' -> sha
  private readonly pulls: PullRequest[] = [];
  private readonly commitStatuses = new Map<string, object[]>(); // sha -> statuses, oldest first
  private readonly interceptors: { operationId: string; run: Interceptor }[] =
    [];
  private order = 0;

  constructor(
    readonly options: {
      owner?: string;
      repo?: string;
      token?: string;
      /** API base, e.g. `https://ghe.example.com/api/v3` for GitHub Enterprise. */
      baseUrl?: string;
    } = {},
  ) {}

  get owner() {
    return this.options.owner ?? 'acme';
  }
  get repo() {
    return this.options.repo ?? 'manifests';
  }
  get baseUrl() {
    return this.options.baseUrl ?? 'https://api.github.com';
  }

  handlers() {
    return [
      http.all(`${this.baseUrl}/*`, ({ request }) => this.handle(request)),
    ];
  }

  /** Commits files on a branch directly (another writer), creating the branch if needed. */
  push(
    branch: string,
    files: Record<string, string | null>,
    message = 'direct push',
  ): string {
    const parent = this.refs.get(`heads/${branch}`);
    const base = parent
      ? this.treeFiles(this.commits.get(parent)!.tree)
      : new Map();
    for (const [path, content] of Object.entries(files)) {
      if (content === null) base.delete(path);
      else base.set(path, this.storeBlob(content));
    }
    const commit = this.storeCommit(
      this.storeTree(base),
      parent ? [parent] : [],
      message,
      {
        name: 'Other Writer',
        email: 'other@example.com',
      },
    );
    this.refs.set(`heads/${branch}`, commit);
    return commit;
  }

  /** The files at a branch or commit. */
  files(refOrSha: string): Record<string, string> {
    const sha = this.resolveCommit(refOrSha);
    if (!sha) throw new Error(`unknown ${refOrSha}`);
    const files: Record<string, string> = {};
    for (const [path, blob] of this.treeFiles(this.commits.get(sha)!.tree)) {
      files[path] = this.blobs.get(blob)!;
    }
    return files;
  }

  head(branch: string): string | undefined {
    return this.refs.get(`heads/${branch}`);
  }

  commit(sha: string): Commit | undefined {
    return this.commits.get(sha);
  }

  /** Merges a pull request the way the merge button does: a merge commit on the base branch. */
  merge(number: number): string {
    const pr = this.pulls.find(p => p.number === number)!;
    const base = this.refs.get(`heads/${pr.base}`)!;
    const head = this.refs.get(`heads/${pr.head}`)!;
    const merged = this.storeCommit(
      this.commits.get(head)!.tree,
      [base, head],
      `Merge pull request #${number}`,
      {
        name: 'Reviewer',
        email: 'reviewer@example.com',
      },
    );
    this.refs.set(`heads/${pr.base}`, merged);
    pr.state = 'closed';
    pr.mergeSha = merged;
    return merged;
  }

  close(number: number) {
    this.pulls.find(p => p.number === number)!.state = 'closed';
  }

  /** The statuses set on a commit, oldest first, as GitHub answered them. */
  statuses(sha: string): any[] {
    return this.commitStatuses.get(sha) ?? [];
  }

  /** Runs `run` before the next call of an operation; a Response it returns is the answer. */
  beforeNext(operationId: string, run: Interceptor) {
    this.interceptors.push({ operationId, run });
  }

  count(operationId?: string) {
    return this.calls.filter(c => !operationId || c.operationId === operationId)
      .length;
  }

  private async handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const apiPath = url.pathname.slice(
      new URL(this.baseUrl).pathname.replace(/\/$/, '').length,
    );
    const method = request.method.toUpperCase();
    const route = routes.find(
      r => r.method === method && r.pattern.test(apiPath),
    );
    if (!route) {
      this.invalidRequests.push(`${method} ${apiPath} is not in the subset`);
      return error(404, 'Not Found');
    }
    const match = route.pattern.exec(apiPath)!;
    const params: Record<string, string> = {};
    route.params.forEach(
      (name, i) => (params[name] = decodeURIComponent(match[i + 1])),
    );
    const text = await request.text();
    const body = text ? JSON.parse(text) : undefined;
    const call = {
      operationId: route.operationId,
      method,
      path: apiPath,
      body,
    };
    this.calls.push(call);

    const auth = request.headers.get('authorization') ?? '';
    if (
      this.options.token &&
      !new RegExp(`^(token|bearer) ${this.options.token}$`, 'i').test(auth)
    ) {
      return error(401, 'Bad credentials');
    }
    const interceptor = this.interceptors.findIndex(
      i => i.operationId === route.operationId,
    );
    if (interceptor >= 0) {
      const [{ run }] = this.interceptors.splice(interceptor, 1);
      const answer = await run(call);
      if (answer) return answer;
    }
    const problems = bodyProblems(route.bodySchema, body);
    if (problems.length) {
      this.invalidRequests.push(`${route.operationId}: ${problems.join(', ')}`);
      return error(422, 'Invalid request.', {
        errors: problems.map(message => ({ message })),
      });
    }
    if (params.owner !== this.owner || params.repo !== this.repo) {
      return error(404, 'Not Found');
    }
    return this.operate(route.operationId, params, url.searchParams, body);
  }

  private operate(
    op: string,
    p: Record<string, string>,
    query: URLSearchParams,
    body: any,
  ): Response {
    switch (op) {
      case 'git/get-ref': {
        const sha = this.refs.get(p.ref);
        return sha
          ? HttpResponse.json(this.refJson(p.ref, sha))
          : error(404, 'Not Found');
      }
      case 'git/create-ref': {
        const ref = String(body.ref).replace(/^refs\//, '');
        if (!String(body.ref).startsWith('refs/'))
          return error(422, 'Reference name must start with refs/');
        if (this.refs.has(ref)) return error(422, 'Reference already exists');
        if (!this.commits.has(body.sha))
          return error(422, 'Object does not exist');
        this.refs.set(ref, body.sha);
        return HttpResponse.json(this.refJson(ref, body.sha), { status: 201 });
      }
      case 'git/update-ref': {
        const current = this.refs.get(p.ref);
        if (!current) return error(422, 'Reference does not exist');
        if (!this.commits.has(body.sha))
          return error(422, 'Object does not exist');
        if (!body.force && !this.isAncestor(current, body.sha)) {
          return error(422, 'Update is not a fast forward');
        }
        this.refs.set(p.ref, body.sha);
        return HttpResponse.json(this.refJson(p.ref, body.sha));
      }
      case 'git/delete-ref':
        if (!this.refs.delete(p.ref))
          return error(422, 'Reference does not exist');
        return new HttpResponse(null, { status: 204 });
      case 'git/create-tree': {
        const files = body.base_tree
          ? this.treeFiles(body.base_tree)
          : new Map<string, string>();
        if (body.base_tree && !this.trees.has(body.base_tree))
          return error(422, 'Invalid tree info');
        for (const entry of body.tree) {
          if (entry.sha === null) files.delete(entry.path);
          else
            files.set(
              entry.path,
              entry.content !== undefined
                ? this.storeBlob(entry.content)
                : entry.sha,
            );
        }
        const sha = this.storeTree(files);
        return HttpResponse.json(
          { ...this.treeJson(sha, false), truncated: false },
          { status: 201 },
        );
      }
      case 'git/get-tree': {
        const tree = this.trees.has(p.tree_sha)
          ? p.tree_sha
          : this.commits.get(this.resolveCommit(p.tree_sha) ?? '')?.tree;
        return tree
          ? HttpResponse.json(this.treeJson(tree, query.has('recursive')))
          : error(404, 'Not Found');
      }
      case 'git/create-commit': {
        if (!this.trees.has(body.tree))
          return error(422, 'Tree SHA does not exist');
        if ((body.parents ?? []).some((s: string) => !this.commits.has(s)))
          return error(422, 'Parent SHA does not exist');
        const sha = this.storeCommit(
          body.tree,
          body.parents ?? [],
          body.message,
          body.author ?? { name: 'Token Owner', email: 'owner@example.com' },
        );
        return HttpResponse.json(this.gitCommitJson(sha), { status: 201 });
      }
      case 'git/get-commit':
        return this.commits.has(p.commit_sha)
          ? HttpResponse.json(this.gitCommitJson(p.commit_sha))
          : error(404, 'Not Found');
      case 'repos/get-content': {
        const sha = this.resolveCommit(query.get('ref') ?? 'main');
        if (!sha)
          return error(404, `No commit found for the ref ${query.get('ref')}`);
        const files = this.treeFiles(this.commits.get(sha)!.tree);
        const blob = files.get(p.path);
        if (blob) return HttpResponse.json(this.contentJson(p.path, blob));
        const inside = [...files.keys()].filter(f =>
          f.startsWith(`${p.path}/`),
        );
        if (inside.length === 0) return error(404, 'Not Found');
        return HttpResponse.json(
          [
            ...new Set(
              inside.map(f => f.slice(p.path.length + 1).split('/')[0]),
            ),
          ].map(name => ({
            ...this.contentJson(
              `${p.path}/${name}`,
              files.get(`${p.path}/${name}`) ?? sha1(name),
            ),
            type: files.has(`${p.path}/${name}`) ? 'file' : 'dir',
            content: undefined,
          })),
        );
      }
      case 'repos/get-commit': {
        const sha = this.resolveCommit(p.ref);
        if (!sha) return error(422, `No commit found for SHA: ${p.ref}`);
        const commit = this.commits.get(sha)!;
        const files = this.treeFiles(commit.tree);
        const parent = commit.parents[0]
          ? this.treeFiles(this.commits.get(commit.parents[0])!.tree)
          : new Map<string, string>();
        const changed = [...new Set([...files.keys(), ...parent.keys()])]
          .filter(path => files.get(path) !== parent.get(path))
          .sort();
        return HttpResponse.json({
          ...this.commitItemJson(sha),
          files: changed.map(filename => ({
            sha: files.get(filename) ?? parent.get(filename),
            filename,
            status: fileStatus(parent.has(filename), files.has(filename)),
            additions: 0,
            deletions: 0,
            changes: 0,
            blob_url: '',
            raw_url: '',
            contents_url: '',
          })),
        });
      }
      case 'repos/list-commits': {
        const start = this.resolveCommit(query.get('sha') ?? 'main');
        if (!start)
          return error(404, `No commit found for SHA: ${query.get('sha')}`);
        let history = this.ancestry(start);
        const path = query.get('path');
        if (path) history = history.filter(c => this.touches(c, path));
        return this.page(
          history.map(c => this.commitItemJson(c.sha)),
          query,
        );
      }
      case 'repos/compare-commits-with-basehead': {
        const [baseRef, headRef] = p.basehead.split('...');
        const base = this.resolveCommit(baseRef);
        const head = this.resolveCommit(headRef);
        if (!base || !head) return error(404, 'Not Found');
        const behindSet = new Set(this.ancestry(base).map(c => c.sha));
        const aheadSet = new Set(this.ancestry(head).map(c => c.sha));
        const ahead = this.ancestry(head)
          .filter(c => !behindSet.has(c.sha))
          .reverse();
        const behindBy = [...behindSet].filter(s => !aheadSet.has(s)).length;
        const status = compareStatus(ahead.length, behindBy);
        const perPage = Number(query.get('per_page') ?? 250);
        const page = Number(query.get('page') ?? 1);
        return HttpResponse.json({
          ...example('commit-comparison'),
          status,
          ahead_by: ahead.length,
          behind_by: behindBy,
          total_commits: ahead.length,
          base_commit: this.commitItemJson(base),
          merge_base_commit: this.commitItemJson(base),
          commits: ahead
            .slice((page - 1) * perPage, page * perPage)
            .map(c => this.commitItemJson(c.sha)),
          files: [],
        });
      }
      case 'repos/create-commit-status': {
        if (!this.commits.has(p.sha)) {
          return error(422, `No commit found for SHA: ${p.sha}`);
        }
        const list = this.commitStatuses.get(p.sha) ?? [];
        const now = new Date().toISOString();
        const status = {
          url: `${this.baseUrl}/repos/${this.owner}/${this.repo}/statuses/${p.sha}`,
          id: this.calls.length,
          node_id: `SC_${this.calls.length}`,
          state: body.state,
          description: body.description ?? null,
          target_url: body.target_url ?? null,
          context: body.context ?? 'default',
          created_at: now,
          updated_at: now,
        };
        list.push(status);
        this.commitStatuses.set(p.sha, list);
        return HttpResponse.json(status, { status: 201 });
      }
      case 'pulls/create': {
        if (
          !this.refs.has(`heads/${body.head}`) ||
          !this.refs.has(`heads/${body.base}`)
        ) {
          return error(422, 'Validation Failed', {
            errors: [
              { resource: 'PullRequest', field: 'head', code: 'invalid' },
            ],
          });
        }
        if (
          this.pulls.some(
            pr =>
              pr.head === body.head &&
              pr.base === body.base &&
              pr.state === 'open',
          )
        ) {
          return error(422, 'Validation Failed', {
            errors: [
              {
                resource: 'PullRequest',
                code: 'custom',
                message: `A pull request already exists for ${this.owner}:${body.head}.`,
              },
            ],
          });
        }
        const baseHistory = new Set(
          this.ancestry(this.refs.get(`heads/${body.base}`)!).map(c => c.sha),
        );
        if (
          this.ancestry(this.refs.get(`heads/${body.head}`)!).every(c =>
            baseHistory.has(c.sha),
          )
        ) {
          return error(422, 'Validation Failed', {
            errors: [
              {
                resource: 'PullRequest',
                code: 'custom',
                message: `No commits between ${body.base} and ${body.head}`,
              },
            ],
          });
        }
        const pr: PullRequest = {
          number: this.pulls.length + 1,
          head: body.head,
          base: body.base,
          title: body.title,
          body: body.body ?? '',
          state: 'open',
        };
        this.pulls.push(pr);
        return HttpResponse.json(this.pullJson(pr), { status: 201 });
      }
      case 'pulls/list': {
        const [, head] = (query.get('head') ?? ':').split(':');
        const state = query.get('state') ?? 'open';
        return HttpResponse.json(
          this.pulls
            .filter(
              pr =>
                (!head || pr.head === head) &&
                (state === 'all' || pr.state === state),
            )
            .map(pr => this.pullJson(pr)),
        );
      }
      case 'pulls/get': {
        const pr = this.pulls.find(x => x.number === Number(p.pull_number));
        return pr
          ? HttpResponse.json(this.pullJson(pr))
          : error(404, 'Not Found');
      }
      default:
        this.invalidRequests.push(`${op} is not implemented by the fake`);
        return error(501, `${op} is not implemented by the fake`);
    }
  }

  private page(items: unknown[], query: URLSearchParams): Response {
    const perPage = Number(query.get('per_page') ?? 30);
    const page = Number(query.get('page') ?? 1);
    return HttpResponse.json(items.slice((page - 1) * perPage, page * perPage));
  }

  private storeBlob(content: string): string {
    const sha = blobSha(content);
    this.blobs.set(sha, content);
    return sha;
  }

  private storeTree(files: Map<string, string>): string {
    const entries = [...files.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
    const sha = sha1(
      `tree\0${entries.map(([p, b]) => `${p}\0${b}`).join('\n')}`,
    );
    this.trees.set(sha, new Map(entries));
    return sha;
  }

  private storeCommit(
    tree: string,
    parents: string[],
    message: string,
    author: { name: string; email: string; date?: string },
  ): string {
    const order = ++this.order;
    const date =
      author.date ??
      new Date(Date.UTC(2026, 0, 1, 0, 0, order))
        .toISOString()
        .replace('.000', '');
    const sha = sha1(
      `commit\0${tree}\0${parents.join(',')}\0${message}\0${
        author.name
      }\0${order}`,
    );
    this.commits.set(sha, {
      sha,
      tree,
      parents,
      message,
      author: { name: author.name, email: author.email, date },
      order,
    });
    return sha;
  }

  private treeFiles(tree: string): Map<string, string> {
    return new Map(this.trees.get(tree) ?? []);
  }

  private resolveCommit(ref: string): string | undefined {
    if (this.commits.has(ref)) return ref;
    return this.refs.get(`heads/${ref.replace(/^refs\/heads\//, '')}`);
  }

  /** Every commit reachable from `sha`, newest first. */
  private ancestry(sha: string): Commit[] {
    const seen = new Map<string, Commit>();
    const stack = [sha];
    while (stack.length) {
      const next = this.commits.get(stack.pop()!);
      if (next && !seen.has(next.sha)) {
        seen.set(next.sha, next);
        stack.push(...next.parents);
      }
    }
    return [...seen.values()].sort((a, b) => b.order - a.order);
  }

  private isAncestor(ancestor: string, of: string): boolean {
    return this.ancestry(of).some(c => c.sha === ancestor);
  }

  private touches(commit: Commit, path: string): boolean {
    const under = (files: Map<string, string>) =>
      [...files.entries()]
        .filter(([f]) => f === path || f.startsWith(`${path}/`))
        .map(e => e.join('='))
        .join('\n');
    const parent = commit.parents[0]
      ? this.commits.get(commit.parents[0])!.tree
      : undefined;
    return (
      under(this.treeFiles(commit.tree)) !==
      under(parent ? this.treeFiles(parent) : new Map())
    );
  }

  private refJson(ref: string, sha: string) {
    const json = example('git-ref');
    return {
      ...json,
      ref: `refs/${ref}`,
      object: {
        ...json.object,
        sha,
        url: `${this.baseUrl}/repos/${this.owner}/${this.repo}/git/commits/${sha}`,
      },
    };
  }

  private treeJson(tree: string, recursive: boolean) {
    const files = this.treeFiles(tree);
    const entries = new Map<
      string,
      { path: string; mode: string; type: string; sha: string; size?: number }
    >();
    for (const [path, blob] of files) {
      const parts = path.split('/');
      if (!recursive && parts.length > 1) {
        entries.set(parts[0], {
          path: parts[0],
          mode: '040000',
          type: 'tree',
          sha: sha1(`${tree}/${parts[0]}`),
        });
        continue;
      }
      for (let i = 1; i < parts.length; i++) {
        const dir = parts.slice(0, i).join('/');
        entries.set(dir, {
          path: dir,
          mode: '040000',
          type: 'tree',
          sha: sha1(`${tree}/${dir}`),
        });
      }
      entries.set(path, {
        path,
        mode: '100644',
        type: 'blob',
        sha: blob,
        size: Buffer.byteLength(this.blobs.get(blob)!),
      });
    }
    return {
      ...example('git-tree'),
      sha: tree,
      truncated: false,
      tree: [...entries.values()],
    };
  }

  private gitCommitJson(sha: string) {
    const c = this.commits.get(sha)!;
    return {
      ...example('git-commit'),
      sha,
      author: c.author,
      committer: c.author,
      message: c.message,
      tree: {
        sha: c.tree,
        url: `${this.baseUrl}/repos/${this.owner}/${this.repo}/git/trees/${c.tree}`,
      },
      parents: c.parents.map(p => ({ sha: p, url: '', html_url: '' })),
    };
  }

  private commitItemJson(sha: string) {
    const c = this.commits.get(sha)!;
    const item = example('commit-items')[0];
    return {
      ...item,
      sha,
      commit: {
        ...item.commit,
        author: c.author,
        committer: c.author,
        message: c.message,
        tree: { sha: c.tree, url: '' },
      },
      parents: c.parents.map(p => ({ sha: p, url: '', html_url: '' })),
    };
  }

  private contentJson(path: string, blob: string) {
    const content = this.blobs.get(blob) ?? '';
    const base64 = Buffer.from(content, 'utf8')
      .toString('base64')
      .replace(/.{60}/g, '$&\n');
    return {
      ...example('content-file-response-if-content-is-a-file'),
      type: 'file',
      encoding: 'base64',
      size: Buffer.byteLength(content),
      name: path.split('/').pop(),
      path,
      content: base64,
      sha: blob,
    };
  }

  private pullJson(pr: PullRequest) {
    const json = example('pull-request');
    const headSha = this.refs.get(`heads/${pr.head}`) ?? '';
    return {
      ...json,
      number: pr.number,
      html_url: `https://github.com/${this.owner}/${this.repo}/pull/${pr.number}`,
      state: pr.state,
      title: pr.title,
      body: pr.body,
      merged: !!pr.mergeSha,
      merged_at: pr.mergeSha ? '2026-01-01T00:00:00Z' : null,
      mergeable: null,
      // GitHub reports a test-merge SHA on open pull requests; it means nothing until the merge.
      merge_commit_sha: pr.mergeSha ?? sha1(`test-merge-${pr.number}`),
      head: {
        ...json.head,
        ref: pr.head,
        sha: headSha,
        label: `${this.owner}:${pr.head}`,
      },
      base: { ...json.base, ref: pr.base, label: `${this.owner}:${pr.base}` },
    };
  }
}

function compareStatus(ahead: number, behind: number) {
  if (ahead && behind) return 'diverged';
  if (ahead) return 'ahead';
  return behind ? 'behind' : 'identical';
}

/** How a commit changed a file, as GitHub names it. */
function fileStatus(before: boolean, after: boolean): string {
  if (!before) return 'added';
  return after ? 'modified' : 'removed';
}
