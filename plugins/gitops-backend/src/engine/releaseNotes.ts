import type { ReleaseNotes } from '@slipway/plugin-gitops-common';
import type {
  GitCommitInfo,
  GitProviderRegistry,
} from '@slipway/plugin-gitops-node';
import { PromotionSource, StoredStep } from '../domain/releases/releaseRecord';
import { buildReleaseNotes } from '../domain/releases/releaseNotes';
import { parseImageReference } from '../domain/versions/imageTag';

const MAX_COMMITS = 200;

/** An image's name and what pins it (tag, digest or both), compared between source and target. */
function imageName(image: string): { name: string; tag?: string } {
  const { repository, tag, digest } = parseImageReference(image);
  const pin = [tag, digest].filter(Boolean).join('@');
  return pin ? { name: repository, tag: pin } : { name: repository };
}

/** Images whose tag changes, by image name: what the target runs and what the source runs. */
function imageChanges(before: string[], after: string[]) {
  const byName = (images: string[]) =>
    new Map(images.map(imageName).map(({ name, tag }) => [name, tag]));
  const from = byName(before);
  const to = byName(after);
  const names = [...new Set([...from.keys(), ...to.keys()])].sort();
  return names
    .filter(name => from.get(name) !== to.get(name))
    .map(name => ({
      name,
      ...(from.get(name) ? { from: from.get(name) } : {}),
      ...(to.get(name) ? { to: to.get(name) } : {}),
    }));
}

/**
 * Commits that changed the source applications' folders since the target's folder last changed, up
 * to the promoted revision, and the images that change. Best effort: a repository that cannot be read
 * leaves the notes without its commits rather than failing the promotion.
 */
export async function collectReleaseNotes(
  git: GitProviderRegistry,
  step: StoredStep | undefined,
  sources: Record<string, PromotionSource>,
): Promise<ReleaseNotes | undefined> {
  if (!step) return undefined;
  const commits = new Map<string, GitCommitInfo>();
  const images: ReturnType<typeof imageChanges> = [];
  await Promise.all(
    step.applications.map(async app => {
      const source = sources[app.component];
      if (!source) return;
      images.push(...imageChanges(app.previousImages ?? [], source.images));
      if (!app.previousRevision) return;
      try {
        const provider = git.forUrl(source.repoURL);
        // Environments often share a branch, so the target's revision moves with every commit. What
        // the target has is what its folder last received: the source's commits since then are new.
        const [lastTargetChange] =
          app.repoURL === source.repoURL
            ? await provider.log(app.repoURL, {
                to: app.previousRevision,
                paths: [app.path],
                limit: 1,
              })
            : [];
        const from = lastTargetChange?.sha ?? app.previousRevision;
        if (from === source.revision) return;
        const log = await provider.log(source.repoURL, {
          from,
          to: source.revision,
          paths: [source.path],
          limit: MAX_COMMITS,
        });
        for (const commit of log) commits.set(commit.sha, commit);
      } catch {
        // The old revision may be unknown to this repository (another repo, a rewritten branch).
      }
    }),
  );
  const sorted = [...commits.values()].sort((a, b) =>
    b.author.date.localeCompare(a.author.date),
  );
  const uniqueImages = [
    ...new Map(images.map(i => [`${i.name}|${i.from}|${i.to}`, i])).values(),
  ];
  return buildReleaseNotes(sorted, uniqueImages);
}
