import { InputError } from '@backstage/errors';
import {
  ApplicationSummary,
  Environment,
  FlowStep,
  isManualApprovalGate,
  isSoakGate,
  PromotionAction,
} from '@slipway/plugin-gitops-common';
import { componentOf } from '../domain/mapping/mappableApplication';
import {
  PromotionSource,
  StoredApplicationPromotion,
  StoredGate,
  StoredStep,
} from '../domain/releases/releaseRecord';

const SHA = /^[0-9a-f]{40}$/i;

/** The Git source a promotion edits: the first source with a path that is not a Helm chart. */
export function gitSource(app: ApplicationSummary) {
  const index = app.sources.findIndex(s => s.path !== undefined && !s.chart);
  if (index < 0) return undefined;
  const source = app.sources[index];
  const revision =
    app.sync.revisions?.[index] ??
    (app.sources.length === 1 ? app.sync.revision : undefined);
  return { source, revision };
}

/** Where the values of each component are copied from: the source environment's apps as they run. */
export function promotionSources(
  apps: readonly ApplicationSummary[],
  environment: string,
): Record<string, PromotionSource> {
  const sources: Record<string, PromotionSource> = {};
  for (const app of apps) {
    const git = gitSource(app);
    const component = componentOf(app, environment);
    if (!git) {
      throw new InputError(
        `Application ${app.name} in ${environment} has no Git source folder to copy values from`,
      );
    }
    if (!git.revision) {
      throw new InputError(
        `Application ${app.name} in ${environment} has not synced yet, so there is no version to promote`,
      );
    }
    sources[component] = {
      application: {
        runtime: app.runtime,
        namespace: app.namespace,
        name: app.name,
      },
      repoURL: git.source.repoURL,
      path: git.source.path!,
      revision: git.revision,
      images: app.images,
    };
  }
  return sources;
}

/** The branch a target application follows; a promotion can only move a branch. */
function targetBranch(app: ApplicationSummary, revision?: string): string {
  const branch = revision?.trim() ?? '';
  if (!branch || branch === 'HEAD' || SHA.test(branch)) {
    throw new InputError(
      `Application ${app.name} follows ${
        branch ? `'${branch}'` : 'no target revision'
      }; a promotion commits to a branch, so set spec.source.targetRevision to a branch name`,
    );
  }
  return branch.replace(/^refs\/heads\//, '');
}

/** The applications a step promotes, each paired with a source by component. */
export function stepApplications(
  apps: readonly ApplicationSummary[],
  environment: string,
  sources: Record<string, PromotionSource>,
  sourceEnvironment: string,
): StoredApplicationPromotion[] {
  return apps.map(app => {
    const component = componentOf(app, environment);
    if (!sources[component]) {
      throw new InputError(
        `Application ${app.name} in ${environment} (component '${component}') has no counterpart in ${sourceEnvironment}; products pair applications by the app.kubernetes.io/name label or by name without the environment`,
      );
    }
    const git = gitSource(app);
    if (!git) {
      throw new InputError(
        `Application ${app.name} in ${environment} has no Git source folder to write to`,
      );
    }
    return {
      application: {
        runtime: app.runtime,
        namespace: app.namespace,
        name: app.name,
      },
      component,
      repoURL: git.source.repoURL,
      branch: targetBranch(app, git.source.targetRevision),
      path: git.source.path!,
      status: 'pending',
      ...(git.revision ? { previousRevision: git.revision } : {}),
      previousImages: app.images,
    };
  });
}

/** The gates of a step: the flow's approval and soak, and the environment's freeze windows. */
export function stepGates(
  environment: Environment,
  flowStep: FlowStep | undefined,
): StoredGate[] {
  const gates: StoredGate[] = [];
  if (environment.freezeWindows.length > 0) {
    gates.push({ type: 'freeze-window', phase: 'pre', status: 'pending' });
  }
  for (const [phase, list] of [
    ['pre', flowStep?.gates.pre ?? []],
    ['post', flowStep?.gates.post ?? []],
  ] as const) {
    for (const gate of list) {
      if (isManualApprovalGate(gate)) {
        gates.push({
          type: 'manual-approval',
          phase,
          status: 'pending',
          approvers: gate.approvers,
        });
      } else if (isSoakGate(gate)) {
        gates.push({
          type: 'soak',
          phase,
          status: 'pending',
          duration: gate.duration,
        });
      } else {
        // A callback gate's name is public: it is part of the URL an outside system calls.
        const name =
          gate.type === 'callback' && typeof gate.settings.name === 'string'
            ? gate.settings.name
            : undefined;
        gates.push({
          type: gate.type,
          phase,
          status: 'pending',
          ...(name ? { name } : {}),
          settings: gate.settings,
        });
      }
    }
  }
  return gates;
}

export function newStep(input: {
  environment: Environment;
  dependsOn: string[];
  action: PromotionAction;
  flowStep?: FlowStep;
  applications: StoredApplicationPromotion[];
}): StoredStep {
  return {
    environment: input.environment.name,
    dependsOn: input.dependsOn,
    action: input.action,
    status: 'pending',
    gates: stepGates(input.environment, input.flowStep),
    applications: input.applications,
  };
}
