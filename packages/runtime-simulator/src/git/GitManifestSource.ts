import type { RevisionMetadata } from '../argocd/types';
import { renderHelmLike } from '../manifests/renderHelmLike';
import { ManifestError, RenderedRevision } from '../manifests/types';
import type { ManifestSource } from '../model/ManifestSource';
import { GitError, GitRepository, localGitDir } from './GitRepository';

/** An app folder in a local git repository, rendered Helm-style at any commit. */
export class GitManifestSource implements ManifestSource {
  private readonly repo: GitRepository | undefined;
  private readonly renders = new Map<string, RenderedRevision>();
  private readonly path: string;

  constructor(
    private readonly repoURL: string,
    path: string | undefined,
    private readonly releaseName: string,
    private readonly namespace: string,
  ) {
    const gitDir = localGitDir(repoURL);
    this.repo = gitDir ? new GitRepository(gitDir) : undefined;
    this.path = (path ?? '.').replace(/^\.\/|\/+$/g, '') || '.';
  }

  private git(): GitRepository {
    if (!this.repo) {
      throw new GitError(
        `repository ${this.repoURL} is not reachable: the simulator reads only file:// repositories`,
      );
    }
    return this.repo;
  }

  resolve(revision: string): Promise<string> {
    return this.git().resolve(revision);
  }

  async render(revision: string): Promise<RenderedRevision> {
    const cached = this.renders.get(revision);
    if (cached) return cached;
    const repo = this.git();
    if (!(await repo.pathExists(revision, this.path))) {
      throw new ManifestError(`${this.path}: app path does not exist`);
    }
    const prefix = this.path === '.' ? '' : `${this.path}/`;
    const chartYaml = await repo.readFile(revision, `${prefix}Chart.yaml`);
    if (chartYaml === undefined) {
      throw new ManifestError(
        `${this.path}: Chart.yaml not found (only Helm-style app folders are supported)`,
      );
    }
    const valuesYaml =
      (await repo.readFile(revision, `${prefix}values.yaml`)) ?? '';
    const rendered = renderHelmLike({
      revision,
      chartYaml,
      valuesYaml,
      releaseName: this.releaseName,
      namespace: this.namespace,
    });
    this.renders.set(revision, rendered);
    return rendered;
  }

  async revisionMetadata(revision: string): Promise<RevisionMetadata> {
    const commit = await this.git().commit(revision);
    return {
      author: commit.author,
      date: commit.date,
      ...(commit.tags.length ? { tags: commit.tags } : {}),
      message: commit.message,
    };
  }

  async initialHistory(revision: string, limit: number) {
    const commits = await this.git().commitsTouching(
      revision,
      this.path,
      limit,
    );
    return commits
      .reverse()
      .map(c => ({ revision: c.sha, committedAt: c.date }));
  }
}
