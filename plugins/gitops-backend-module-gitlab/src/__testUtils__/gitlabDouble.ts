import { gitBlobSha } from '@slipway/plugin-gitops-node';
import { http, HttpResponse } from 'msw';
import { createHash } from 'node:crypto';
import branchShape from '../__fixtures__/gitlab/branch.json';
import commitStatusShape from '../__fixtures__/gitlab/commit-status.json';
import commitShape from '../__fixtures__/gitlab/commit.json';
import compareShape from '../__fixtures__/gitlab/compare.json';
import diffShape from '../__fixtures__/gitlab/diff.json';
import errors from '../__fixtures__/gitlab/errors.json';
import fileShape from '../__fixtures__/gitlab/file.json';
import memberShape from '../__fixtures__/gitlab/member.json';
import mergeRequestShape from '../__fixtures__/gitlab/merge-request.json';
import treeEntryShape from '../__fixtures__/gitlab/tree-entry.json';
import userShape from '../__fixtures__/gitlab/user.json';

/**
 * One GitLab project behind msw, kept in memory the way GitLab keeps it: commits with their trees,
 * branch heads that the Commits API moves onto the current head, the Commits API's per-file checks
 * (`last_commit_id`, create on an existing file, update of a missing one), merge requests, users and
 * members. Answers are the documented shapes in `src/__fixtures__/gitlab` with real values filled in.
 */

export const GITLAB_HOST = 'gitlab.example.test';
export const GITLAB_TOKEN = 'glpat-slipway-test-token';
export const PROJECT = 'acme/manifests';
export const PROJECT_URL = `https://${GITLAB_HOST}/${PROJECT}`;
const API = `https://${GITLAB_HOST}/api/v4`;

type ErrorName = keyof typeof errors;

interface Commit {
  id: string;
  parents: string[];
  message: string;
  author: { name: string; email: string };
  date: string;
  files: Map<string, string>;
  /** Paths this commit changed against its first parent. */
  changed: string[];
}

interface MergeRequest {
  iid: number;
  source: string;
  target: string;
  title: string;
  description: string;
  labels: string[];
  state: 'opened' | 'closed' | 'merged';
  hasConflicts: boolean;
  mergeCommit?: string;
}

export interface GitlabCall {
  method: string;
  /** The decoded path below `/api/v4`, e.g. `/projects/acme/manifests/repository/commits`. */
  path: string;
  body?: any;
}

type Fault = {
  method: string;
  path: RegExp;
  answer: () => Response;
  times: number;
};

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

export function gitlabErrorAnswer(
  name: ErrorName,
  headers: Record<string, string> = {},
): Response {
  const shape = errors[name] as {
    status: number;
    body?: object;
    text?: string;
    headers?: Record<string, string>;
  };
  const init = {
    status: shape.status,
    headers: { ...shape.headers, ...headers },
  };
  return shape.body
    ? HttpResponse.json(shape.body, init)
    : new HttpResponse(shape.text ?? '', {
        ...init,
        headers: { 'content-type': 'text/plain', ...init.headers },
      });
}

export class GitlabDouble {
  readonly calls: GitlabCall[] = [];
  /** Commits requests that asked for `force`: must stay 0. */
  forced = 0;
  /** Runs inside a commit request before GitLab applies it, e.g. another writer's push. */
  beforeCommit?: (call: GitlabCall) => void;
  private readonly commits = new Map<string, Commit>();
  private readonly branches = new Map<string, string>();
  private readonly mergeRequests = new Map<number, MergeRequest>();
  private readonly users = new Map<string, { id: number; level?: number }>();
  private readonly faults: Fault[] = [];
  /** Commit statuses by `sha` and name, the latest of each. */
  readonly statuses = new Map<
    string,
    { state: string; description: string; targetUrl?: string }
  >();
  private clock = Date.parse('2026-01-05T10:00:00Z');

  constructor(files: Record<string, string> = {}) {
    this.branches.set('main', this.addCommit([], 'first versions', files));
  }

  handlers() {
    return [http.all(`${API}/*`, ({ request }) => this.answer(request))];
  }

  /** A GitLab user, and their access level on the project (none: not a member). */
  addUser(username: string, level?: number): number {
    const id = this.users.size + 100;
    this.users.set(username, { id, level });
    return id;
  }

  /** The next `times` requests matching `method` and `path` get this answer instead. */
  failNext(method: string, path: RegExp, answer: () => Response, times = 1) {
    this.faults.push({ method, path, answer, times });
  }

  /** Another writer's push onto the branch, e.g. a person editing the file in GitLab's web IDE. */
  push(branch: string, files: Record<string, string | null>, message = 'edit') {
    const head = this.head(branch);
    const next = new Map(this.commits.get(head)!.files);
    for (const [path, content] of Object.entries(files)) {
      if (content === null) next.delete(path);
      else next.set(path, content);
    }
    this.branches.set(branch, this.addCommit([head], message, next));
  }

  head(branch: string): string {
    const sha = this.branches.get(branch);
    if (!sha) throw new Error(`no branch ${branch}`);
    return sha;
  }

  hasBranch(branch: string): boolean {
    return this.branches.has(branch);
  }

  fileAt(ref: string, path: string): string | undefined {
    return this.commits.get(this.resolve(ref) ?? '')?.files.get(path);
  }

  commit(sha: string): Commit {
    return this.commits.get(sha)!;
  }

  /** The branch's commits, newest first, following first parents. */
  history(branch: string): Commit[] {
    const out: Commit[] = [];
    for (let sha: string | undefined = this.head(branch); sha; ) {
      const commit: Commit = this.commits.get(sha)!;
      out.push(commit);
      sha = commit.parents[0];
    }
    return out;
  }

  /** Every commit reachable from the branch, merge parents included. */
  reachable(branch: string): Set<string> {
    const seen = new Set<string>();
    const todo = [this.head(branch)];
    while (todo.length) {
      const sha = todo.pop()!;
      if (seen.has(sha)) continue;
      seen.add(sha);
      todo.push(...this.commits.get(sha)!.parents);
    }
    return seen;
  }

  mergeRequest(iid: number): MergeRequest {
    return this.mergeRequests.get(iid)!;
  }

  /** A person merges the merge request with a merge commit. */
  merge(iid: number) {
    const mr = this.mergeRequest(iid);
    const target = this.head(mr.target);
    const source = this.head(mr.source);
    const files = new Map(this.commits.get(source)!.files);
    const sha = this.addCommit(
      [target, source],
      `Merge branch '${mr.source}' into '${mr.target}'`,
      files,
    );
    this.branches.set(mr.target, sha);
    mr.state = 'merged';
    mr.mergeCommit = sha;
  }

  close(iid: number) {
    this.mergeRequest(iid).state = 'closed';
  }

  conflict(iid: number) {
    this.mergeRequest(iid).hasConflicts = true;
  }

  private addCommit(
    parents: string[],
    message: string,
    files: Record<string, string> | Map<string, string>,
    author = { name: 'Administrator', email: 'admin@example.com' },
  ): string {
    const tree = files instanceof Map ? files : new Map(Object.entries(files));
    const before = parents[0]
      ? this.commits.get(parents[0])!.files
      : new Map<string, string>();
    const changed = [...new Set([...before.keys(), ...tree.keys()])].filter(
      p => before.get(p) !== tree.get(p),
    );
    this.clock += 1000;
    const id = sha1(
      `${parents.join(',')}\n${message}\n${this.clock}\n${Math.random()}`,
    );
    this.commits.set(id, {
      id,
      parents,
      message,
      author,
      date: new Date(this.clock).toISOString(),
      files: tree,
      changed,
    });
    return id;
  }

  private resolve(ref: string): string | undefined {
    return this.branches.get(ref) ?? (this.commits.has(ref) ? ref : undefined);
  }

  /** The last commit reachable from `sha` (first parents) that changed `path`. */
  private lastCommitFor(sha: string, path: string): string | undefined {
    for (let at: string | undefined = sha; at; ) {
      const commit: Commit = this.commits.get(at)!;
      if (commit.changed.includes(path)) return at;
      at = commit.parents[0];
    }
    return undefined;
  }

  /** Commits reachable from `to` and not from `from`, newest first. */
  private range(from: string | undefined, to: string): Commit[] {
    const excluded = new Set<string>();
    if (from) {
      const todo = [from];
      while (todo.length) {
        const sha = todo.pop()!;
        if (excluded.has(sha)) continue;
        excluded.add(sha);
        todo.push(...this.commits.get(sha)!.parents);
      }
    }
    const out: Commit[] = [];
    const seen = new Set<string>();
    const todo = [to];
    while (todo.length) {
      const sha = todo.pop()!;
      if (seen.has(sha) || excluded.has(sha)) continue;
      seen.add(sha);
      const commit: Commit = this.commits.get(sha)!;
      out.push(commit);
      todo.push(...commit.parents);
    }
    return out.sort((a, b) => b.date.localeCompare(a.date));
  }

  private commitJson(commit: Commit) {
    const [title] = commit.message.split('\n');
    return {
      ...commitShape,
      id: commit.id,
      short_id: commit.id.slice(0, 11),
      title,
      message: commit.message,
      parent_ids: commit.parents,
      author_name: commit.author.name,
      author_email: commit.author.email,
      authored_date: commit.date,
      committer_name: commit.author.name,
      committer_email: commit.author.email,
      committed_date: commit.date,
      created_at: commit.date,
      web_url: `${PROJECT_URL}/-/commit/${commit.id}`,
    };
  }

  private mergeRequestJson(mr: MergeRequest) {
    return {
      ...mergeRequestShape,
      id: mr.iid + 1000,
      iid: mr.iid,
      title: mr.title,
      description: mr.description,
      labels: mr.labels,
      state: mr.state,
      source_branch: mr.source,
      target_branch: mr.target,
      sha: this.branches.get(mr.source) ?? mergeRequestShape.sha,
      merge_commit_sha: mr.mergeCommit ?? null,
      has_conflicts: mr.hasConflicts,
      detailed_merge_status: mr.hasConflicts ? 'conflict' : 'mergeable',
      merge_status: mr.hasConflicts ? 'cannot_be_merged' : 'can_be_merged',
      references: { ...mergeRequestShape.references, short: `!${mr.iid}` },
      reference: `!${mr.iid}`,
      web_url: `${PROJECT_URL}/-/merge_requests/${mr.iid}`,
    };
  }

  private async answer(request: Request): Promise<Response> {
    const url = new URL(request.url);
    // Encoded slashes of `:id` and `:file_path` decoded, as GitLab reads them.
    const path = decodeURIComponent(url.pathname.slice('/api/v4'.length));
    const body =
      request.method === 'POST' || request.method === 'PUT'
        ? await request.json().catch(() => undefined)
        : undefined;
    const call = { method: request.method, path, body };
    this.calls.push(call);
    // Other requests get their turn between reading a request and answering it, as on a real server.
    await new Promise(resolve => setImmediate(resolve));

    const fault = this.faults.find(
      f => f.method === request.method && f.path.test(path) && f.times > 0,
    );
    if (fault) {
      fault.times--;
      return fault.answer();
    }
    if (request.headers.get('private-token') !== GITLAB_TOKEN) {
      return gitlabErrorAnswer('unauthorized');
    }
    const q = url.searchParams;

    if (request.method === 'GET' && path === '/users') {
      const username = q.get('username') ?? '';
      const user = this.users.get(username);
      return HttpResponse.json(
        user ? [{ ...userShape, id: user.id, username, name: username }] : [],
      );
    }
    const prefix = `/projects/${PROJECT}`;
    if (!path.startsWith(`${prefix}/`)) {
      return gitlabErrorAnswer('projectNotFound');
    }
    const rest = path.slice(prefix.length);
    let m: RegExpExecArray | null;

    m = /^\/members\/all\/(\d+)$/.exec(rest);
    if (m) {
      const id = Number(m[1]);
      const [username, user] =
        [...this.users].find(([, u]) => u.id === id) ?? [];
      if (!user || user.level === undefined) {
        return gitlabErrorAnswer('memberNotFound');
      }
      return HttpResponse.json({
        ...memberShape,
        id,
        username,
        access_level: user.level,
      });
    }

    m = /^\/repository\/branches\/(.+)$/.exec(rest);
    if (m) {
      const sha = this.branches.get(m[1]);
      if (request.method === 'DELETE') {
        if (!sha) return gitlabErrorAnswer('branchNotFound');
        this.branches.delete(m[1]);
        return new HttpResponse(null, { status: 204 });
      }
      if (!sha) return gitlabErrorAnswer('branchNotFound');
      return HttpResponse.json({
        ...branchShape,
        name: m[1],
        default: m[1] === 'main',
        commit: this.commitJson(this.commits.get(sha)!),
      });
    }
    if (rest === '/repository/branches' && request.method === 'POST') {
      const name = q.get('branch') ?? body?.branch;
      const ref = q.get('ref') ?? body?.ref;
      if (this.branches.has(name)) return gitlabErrorAnswer('branchExists');
      const sha = this.resolve(ref);
      if (!sha)
        return HttpResponse.json(
          { message: 'Invalid reference name' },
          { status: 400 },
        );
      this.branches.set(name, sha);
      return HttpResponse.json(
        {
          ...branchShape,
          name,
          default: false,
          commit: this.commitJson(this.commits.get(sha)!),
        },
        { status: 201 },
      );
    }

    m = /^\/repository\/files\/(.+)$/.exec(rest);
    if (m) {
      const sha = this.resolve(q.get('ref') ?? '');
      const content = sha && this.commits.get(sha)!.files.get(m[1]);
      if (!sha || content === undefined)
        return gitlabErrorAnswer('fileNotFound');
      const bytes = Buffer.from(content, 'utf8');
      return HttpResponse.json({
        ...fileShape,
        file_name: m[1].split('/').pop(),
        file_path: m[1],
        size: bytes.length,
        content: bytes.toString('base64'),
        content_sha256: createHash('sha256').update(bytes).digest('hex'),
        ref: q.get('ref'),
        blob_id: gitBlobSha(content),
        commit_id: sha,
        last_commit_id: this.lastCommitFor(sha, m[1]),
      });
    }

    if (rest === '/repository/tree') {
      const sha = this.resolve(q.get('ref') ?? 'main');
      if (!sha)
        return HttpResponse.json(
          { message: '404 Tree Not Found' },
          { status: 404 },
        );
      const dir = q.get('path') ?? '';
      const files = [...this.commits.get(sha)!.files.keys()].filter(
        p => !dir || p.startsWith(`${dir}/`),
      );
      if (dir && files.length === 0) return gitlabErrorAnswer('treeNotFound');
      const dirs = new Set(
        files.flatMap(p =>
          p
            .split('/')
            .slice(0, -1)
            .map((_, i, parts) => parts.slice(0, i + 1).join('/')),
        ),
      );
      return HttpResponse.json([
        ...[...dirs].map(p => ({
          ...treeEntryShape,
          type: 'tree',
          path: p,
          name: p.split('/').pop(),
        })),
        ...files.map(p => ({
          ...treeEntryShape,
          id: gitBlobSha(this.commits.get(sha)!.files.get(p)!),
          type: 'blob',
          path: p,
          name: p.split('/').pop(),
          mode: '100644',
        })),
      ]);
    }

    if (rest === '/repository/commits' && request.method === 'GET') {
      const refName = q.get('ref_name') ?? 'main';
      const [from, to] = refName.includes('..')
        ? refName.split('..')
        : [undefined, refName];
      const toSha = this.resolve(to);
      const fromSha = from === undefined ? undefined : this.resolve(from);
      if (!toSha || (from !== undefined && !fromSha)) {
        return HttpResponse.json(
          { message: '404 Reference Not Found' },
          { status: 404 },
        );
      }
      const filter = q.get('path');
      const all = this.range(fromSha, toSha).filter(
        c =>
          !filter ||
          c.changed.some(p => p === filter || p.startsWith(`${filter}/`)),
      );
      const perPage = Number(q.get('per_page') ?? 20);
      const page = Number(q.get('page') ?? 1);
      const items = all.slice((page - 1) * perPage, page * perPage);
      const headers: Record<string, string> = {};
      if (page * perPage < all.length) {
        const next = new URL(url);
        next.searchParams.set('page', String(page + 1));
        headers.link = `<${next}>; rel="next"`;
        headers['x-next-page'] = String(page + 1);
      }
      return HttpResponse.json(
        items.map(c => this.commitJson(c)),
        { headers },
      );
    }

    m = /^\/repository\/commits\/([0-9a-f]+)\/diff$/.exec(rest);
    if (m) {
      const commit = this.commits.get(m[1]);
      if (!commit)
        return HttpResponse.json(
          { message: '404 Commit Not Found' },
          { status: 404 },
        );
      const before = commit.parents[0]
        ? this.commits.get(commit.parents[0])!.files
        : new Map();
      return HttpResponse.json(
        commit.changed.map(p => ({
          ...diffShape,
          diff: '',
          old_path: p,
          new_path: p,
          new_file: !before.has(p),
          deleted_file: !commit.files.has(p),
        })),
      );
    }

    if (rest === '/repository/compare') {
      const from = this.resolve(q.get('from') ?? '');
      const to = this.resolve(q.get('to') ?? '');
      if (!from || !to)
        return HttpResponse.json(
          { message: '404 Ref Not Found' },
          { status: 404 },
        );
      const commits = this.range(from, to).reverse();
      return HttpResponse.json({
        ...compareShape,
        commit: commits.length
          ? this.commitJson(commits[commits.length - 1])
          : null,
        commits: commits.map(c => this.commitJson(c)),
        compare_same_ref: from === to,
      });
    }

    m = /^\/statuses\/([0-9a-f]{40})$/.exec(rest);
    if (m && request.method === 'POST') {
      if (!this.commits.has(m[1])) {
        return HttpResponse.json(
          { message: '404 Commit Not Found' },
          { status: 404 },
        );
      }
      const key = `${m[1]} ${body.name ?? 'default'}`;
      if (this.statuses.get(key)?.state === body.state) {
        return HttpResponse.json(
          {
            message: `Cannot transition status via :${
              body.state === 'pending' ? 'enqueue' : 'succeed'
            } from :${body.state}`,
          },
          { status: 400 },
        );
      }
      this.statuses.set(key, {
        state: body.state,
        description: body.description,
        targetUrl: body.target_url,
      });
      return HttpResponse.json(
        {
          ...commitStatusShape,
          sha: m[1],
          status: body.state,
          name: body.name ?? 'default',
          description: body.description ?? null,
          target_url: body.target_url ?? null,
        },
        { status: 201 },
      );
    }

    if (rest === '/repository/commits' && request.method === 'POST') {
      return this.createCommit(call);
    }

    if (rest === '/merge_requests' && request.method === 'POST') {
      const open = [...this.mergeRequests.values()].find(
        mr =>
          mr.source === body.source_branch &&
          mr.target === body.target_branch &&
          mr.state === 'opened',
      );
      if (open) return gitlabErrorAnswer('mergeRequestExists');
      const mr: MergeRequest = {
        iid: this.mergeRequests.size + 1,
        source: body.source_branch,
        target: body.target_branch,
        title: body.title,
        description: body.description ?? '',
        labels: String(body.labels ?? '')
          .split(',')
          .filter(Boolean),
        state: 'opened',
        hasConflicts: false,
      };
      this.mergeRequests.set(mr.iid, mr);
      return HttpResponse.json(this.mergeRequestJson(mr), { status: 201 });
    }
    if (rest === '/merge_requests' && request.method === 'GET') {
      const found = [...this.mergeRequests.values()].filter(
        mr =>
          (!q.get('source_branch') || mr.source === q.get('source_branch')) &&
          (!q.get('target_branch') || mr.target === q.get('target_branch')) &&
          (!q.get('state') || mr.state === q.get('state')),
      );
      return HttpResponse.json(found.map(mr => this.mergeRequestJson(mr)));
    }
    m = /^\/merge_requests\/(\d+)$/.exec(rest);
    if (m) {
      const mr = this.mergeRequests.get(Number(m[1]));
      if (!mr)
        return HttpResponse.json({ message: '404 Not found' }, { status: 404 });
      return HttpResponse.json(this.mergeRequestJson(mr));
    }

    return HttpResponse.json({ message: '404 Not Found' }, { status: 404 });
  }

  /** `POST /projects/:id/repository/commits`, with the checks GitLab makes before it commits. */
  private createCommit(call: GitlabCall): Response {
    const { body } = call;
    if (body.force) this.forced++;
    this.beforeCommit?.(call);
    const branch: string = body.branch;
    const exists = this.branches.has(branch);
    if ((body.start_sha || body.start_branch) && exists && !body.force) {
      return HttpResponse.json(
        {
          message: `A branch called '${branch}' already exists. Switch to that branch in order to make changes`,
        },
        { status: 400 },
      );
    }
    const start = exists
      ? this.head(branch)
      : this.resolve(body.start_sha ?? body.start_branch ?? '');
    if (!start) {
      return HttpResponse.json(
        {
          message: 'You can only create or edit files when you are on a branch',
        },
        { status: 400 },
      );
    }
    const files = new Map(this.commits.get(start)!.files);
    for (const action of body.actions ?? []) {
      const path: string = action.file_path;
      const content =
        action.encoding === 'base64'
          ? Buffer.from(action.content ?? '', 'base64').toString('utf8')
          : action.content ?? '';
      if (action.action === 'create') {
        if (files.has(path)) return gitlabErrorAnswer('fileExists');
        files.set(path, content);
      } else if (action.action === 'update') {
        if (!files.has(path)) return gitlabErrorAnswer('fileMissing');
        if (
          action.last_commit_id &&
          action.last_commit_id !== this.lastCommitFor(start, path)
        ) {
          return gitlabErrorAnswer('fileChanged');
        }
        files.set(path, content);
      } else {
        return HttpResponse.json(
          { message: `Unknown action '${action.action}'` },
          { status: 400 },
        );
      }
    }
    const id = this.addCommit([start], body.commit_message, files, {
      name: body.author_name ?? 'Administrator',
      email: body.author_email ?? 'admin@example.com',
    });
    this.branches.set(branch, id);
    return HttpResponse.json(this.commitJson(this.commits.get(id)!), {
      status: 201,
    });
  }
}
