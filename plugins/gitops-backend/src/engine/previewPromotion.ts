import type { Product, PromotionPreview } from '@slipway/plugin-gitops-common';
import type { GitProviderRegistry } from '@slipway/plugin-gitops-node';
import { ReleaseRecord } from '../database/releases/types';
import { promotionCommitMessage } from '../domain/promotion/commitMessage';
import { unifiedDiff } from '../domain/promotion/unifiedDiff';
import { freezeStatus } from '../domain/releases/gates';
import { planEdit, readSourceFiles } from './applicationEdit';
import { BoardModel } from '../delivery/boardModel';

/**
 * What a planned (not stored) release would commit: per application the exact unified diff of each
 * file against the target branch head now, computed the way the engine will compute it.
 */
export async function previewPromotion(
  git: GitProviderRegistry,
  snapshot: BoardModel,
  product: Product,
  record: ReleaseRecord,
): Promise<PromotionPreview> {
  const [step] = record.steps;
  const environment = snapshot.config.environments.find(
    e => e.name === step.environment,
  )!;
  const applications = await Promise.all(
    step.applications.map(async app => {
      const source = record.plan.sources[app.component];
      const provider = git.forUrl(app.repoURL);
      const head = await provider.resolveBranch({
        url: app.repoURL,
        branch: app.branch,
      });
      const sourceFiles = await readSourceFiles(
        git,
        source,
        product.promotion.files,
      );
      const plan = await planEdit({
        files: product.promotion.files,
        source,
        sourceFiles,
        targetPath: app.path,
        read: path => provider.readFile(app.repoURL, head, path),
      });
      return {
        application: app.application,
        repoURL: app.repoURL,
        branch: app.branch,
        path: app.path,
        changes: plan.values,
        files: plan.files.map(file => ({
          path: file.path,
          diff: unifiedDiff(file.path, file.before, file.after),
        })),
        noChange: plan.noChange,
        headRevision: head,
      };
    }),
  );
  const now = new Date();
  const freeze = freezeStatus(environment, now);
  const gates = step.gates.map(gate => {
    if (gate.type === 'freeze-window') {
      return freeze.frozen
        ? { type: gate.type, reason: freeze.reason, until: freeze.until }
        : { type: gate.type, reason: `${environment.title} is not frozen now` };
    }
    if (gate.type === 'manual-approval') {
      return {
        type: gate.type,
        reason: `Needs approval from ${(gate.approvers ?? []).join(', ')}`,
      };
    }
    return {
      type: gate.type,
      reason: `Soaks ${gate.duration} after verification`,
    };
  });
  return {
    product: record.product,
    from: record.sourceEnvironment,
    to: step.environment,
    version: record.version,
    action: step.action,
    message: promotionCommitMessage({
      product: record.product,
      version: record.version,
      from: record.sourceEnvironment,
      to: step.environment,
      application: step.applications[0]?.application.name ?? record.product,
      message: record.message,
    }),
    applications,
    gates,
  };
}
