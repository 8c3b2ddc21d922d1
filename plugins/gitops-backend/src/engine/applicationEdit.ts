import type { PromotionFile } from '@slipway/plugin-gitops-common';
import type { GitProviderRegistry } from '@slipway/plugin-gitops-node';
import { PromotionSource } from '../domain/releases/releaseRecord';
import { resolveAppFile } from '../domain/promotion/appFilePath';
import {
  ApplicationEditPlan,
  planApplicationEdit,
} from '../domain/promotion/planApplicationEdit';

/** The source application's promotion files at the revision the release fixed. */
export async function readSourceFiles(
  git: GitProviderRegistry,
  source: PromotionSource,
  files: readonly PromotionFile[],
): Promise<Record<string, string | undefined>> {
  const provider = git.forUrl(source.repoURL);
  const entries = await Promise.all(
    files.map(
      async ({ file }) =>
        [
          file,
          await provider.readFile(
            source.repoURL,
            source.revision,
            resolveAppFile(source.path, file),
          ),
        ] as const,
    ),
  );
  return Object.fromEntries(entries);
}

/**
 * Plans one application's edit against a target tree given by `read` (the branch head a commit
 * builds on): called again on every fast-forward retry, so a concurrent writer's change is kept.
 */
export async function planEdit(input: {
  files: readonly PromotionFile[];
  source: PromotionSource;
  sourceFiles: Record<string, string | undefined>;
  targetPath: string;
  read: (path: string) => Promise<string | undefined>;
}): Promise<ApplicationEditPlan> {
  const targetEntries = await Promise.all(
    input.files.map(
      async ({ file }) =>
        [
          file,
          await input.read(resolveAppFile(input.targetPath, file)),
        ] as const,
    ),
  );
  return planApplicationEdit({
    promotionFiles: [...input.files],
    sourcePath: input.source.path,
    targetPath: input.targetPath,
    sourceFiles: input.sourceFiles,
    targetFiles: Object.fromEntries(targetEntries),
  });
}
