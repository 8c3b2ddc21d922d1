import { InputError } from '@backstage/errors';
import type {
  ChangeSearchResponse,
  DeliveryConfig,
} from '@slipway/plugin-gitops-common';
import type { DeploymentStore } from '../database/deployments/DeploymentStore';
import type { ReleaseNotesSearch } from '../database/deployments/ReleaseNotesSearch';
import {
  classifyChangeQuery,
  deploymentCarriesChange,
  locateChange,
  notesNameChange,
} from '../domain/insights/changeQuery';

// Enough for a change's whole life across products; a query matching more is too broad to answer.
const MAX_RELEASES = 200;
const MAX_DEPLOYMENTS = 2000;

/** "Where is my change?": releases whose notes name it and, per environment, whether it runs there. */
export class ChangeSearchService {
  constructor(
    private readonly options: {
      deployments: DeploymentStore;
      releaseNotes: ReleaseNotesSearch;
      /** The delivery config's environments, so those a change never reached are listed too. */
      config?: () => Promise<DeliveryConfig>;
    },
  ) {}

  async search(q: string): Promise<ChangeSearchResponse> {
    const query = classifyChangeQuery(q);
    if (query.text.length < 2) {
      throw new InputError(`Invalid 'q': give at least 2 characters`);
    }
    const releases = (
      await this.options.releaseNotes.candidates(
        query.kind,
        query.needle,
        MAX_RELEASES,
      )
    ).filter(r => notesNameChange(r.notes, query));
    const releaseIds = new Set(releases.map(r => r.id));
    const carrying = (
      await this.options.deployments.candidates({
        kind: query.kind,
        text: query.needle,
        releaseIds: [...releaseIds],
        limit: MAX_DEPLOYMENTS,
      })
    ).filter(
      d => releaseIds.has(d.releaseId) || deploymentCarriesChange(d, query),
    );
    const config = await this.options.config?.();
    const environments = config?.environments.map(e => e.name) ?? [];
    return {
      query: q,
      kind: query.kind,
      releases: releases.map(({ notes: _notes, ...release }) => release),
      environments: locateChange(carrying, {
        products: releases.map(r => r.product),
        environments,
      }),
    };
  }
}
