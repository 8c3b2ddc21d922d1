import { CacheService } from '@backstage/backend-plugin-api';
import {
  ApplicationSource,
  RevisionMetadata,
} from '@slipway/plugin-gitops-common';
import { ArgoCdClient } from './ArgoCdClient';
import { toRevisionMetadata } from './normalise';

/** Commits never change, so their metadata is cached for long. */
const TTL_MS = 30 * 24 * 3600_000;

/** The application Argo CD is asked through (its API reads revisions via an app's source). */
export interface RevisionOwner {
  namespace: string;
  name: string;
  sourceIndex?: number;
}

/**
 * Revision metadata of one runtime, loaded only when asked for (Argo CD calls it expensive), cached in
 * the cache service (shared by replicas) by repository and revision, so each commit is asked for once
 * whichever app, refresh or replica wants it; concurrent asks share one upstream call.
 */
export class RevisionMetadataLoader {
  private readonly inFlight = new Map<string, Promise<RevisionMetadata>>();

  constructor(
    private readonly client: ArgoCdClient,
    private readonly cache: CacheService,
  ) {}

  /** `source` is the app's source the revision belongs to; without it the key falls back to the app. */
  load(
    owner: RevisionOwner,
    revision: string,
    source?: ApplicationSource,
  ): Promise<RevisionMetadata> {
    const where = source
      ? `${source.repoURL}#${source.chart ?? ''}`
      : `${owner.namespace}/${owner.name}:${owner.sourceIndex ?? 0}`;
    const key = `revision:${this.client.runtime.name}:${where}@${revision}`;
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = this.loadOnce(key, owner, revision).finally(() =>
        this.inFlight.delete(key),
      );
      this.inFlight.set(key, pending);
    }
    return pending;
  }

  private async loadOnce(
    key: string,
    owner: RevisionOwner,
    revision: string,
  ): Promise<RevisionMetadata> {
    // The cache is an optimisation: when it fails, ask the runtime.
    const cached = await this.cache
      .get<RevisionMetadata & { [k: string]: any }>(key)
      .catch(() => undefined);
    if (cached) return cached;
    const raw = await this.client.getRevisionMetadata(
      owner.namespace,
      owner.name,
      revision,
      owner.sourceIndex,
    );
    const metadata = toRevisionMetadata(revision, raw);
    await this.cache
      .set(key, { ...metadata }, { ttl: TTL_MS })
      .catch(() => undefined);
    return metadata;
  }
}
