import { CacheService } from '@backstage/backend-plugin-api';
import { RevisionMetadata } from '@slipway/plugin-gitops-common';
import { ArgoCdClient } from './ArgoCdClient';
import { toRevisionMetadata } from './normalise';

/** Commits never change, so their metadata is cached for long. */
const TTL_MS = 7 * 24 * 3600_000;

/**
 * Revision metadata of one runtime, loaded only when asked for (Argo CD calls it expensive), cached in
 * the cache service, with concurrent asks for the same revision sharing one upstream call.
 */
export class RevisionMetadataLoader {
  private readonly inFlight = new Map<string, Promise<RevisionMetadata>>();

  constructor(
    private readonly client: ArgoCdClient,
    private readonly cache: CacheService,
  ) {}

  load(
    namespace: string,
    name: string,
    revision: string,
    sourceIndex?: number,
  ): Promise<RevisionMetadata> {
    const key = `revision:${this.client.runtime.name}:${namespace}/${name}:${
      sourceIndex ?? 0
    }:${revision}`;
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = this.loadOnce(
        key,
        namespace,
        name,
        revision,
        sourceIndex,
      ).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    return pending;
  }

  private async loadOnce(
    key: string,
    namespace: string,
    name: string,
    revision: string,
    sourceIndex?: number,
  ): Promise<RevisionMetadata> {
    // The cache is an optimisation: when it fails, ask the runtime.
    const cached = await this.cache
      .get<RevisionMetadata & { [k: string]: any }>(key)
      .catch(() => undefined);
    if (cached) return cached;
    const raw = await this.client.getRevisionMetadata(
      namespace,
      name,
      revision,
      sourceIndex,
    );
    const metadata = toRevisionMetadata(revision, raw);
    await this.cache
      .set(key, { ...metadata }, { ttl: TTL_MS })
      .catch(() => undefined);
    return metadata;
  }
}
