import { DocumentCollatorFactory } from '@backstage/plugin-search-common';
import {
  GITOPS_RELEASE_DOCUMENT_TYPE,
  GitopsReleaseSearchDocument,
  gitopsApplicationReadPermission,
} from '@slipway/plugin-gitops-common';
import { Readable } from 'node:stream';
import { ReleaseCollatorOptions } from './collatorConfig';
import { GitopsReleaseReader } from './GitopsReleaseReader';
import { releaseDocument } from './releaseDocument';

export interface GitopsReleaseCollatorFactoryOptions
  extends ReleaseCollatorOptions {
  reader: GitopsReleaseReader;
}

/**
 * Collates every release of the gitops backend into `gitops-release` documents. Who may read releases
 * in Slipway (`gitops.application.read`) sees them in search.
 */
export class GitopsReleaseCollatorFactory implements DocumentCollatorFactory {
  readonly type = GITOPS_RELEASE_DOCUMENT_TYPE;
  readonly visibilityPermission = gitopsApplicationReadPermission;

  constructor(private readonly options: GitopsReleaseCollatorFactoryOptions) {}

  async getCollator(): Promise<Readable> {
    return Readable.from(this.documents());
  }

  private async *documents(): AsyncGenerator<GitopsReleaseSearchDocument> {
    const { reader, batchSize, locationTemplate } = this.options;
    for await (const release of reader.releases(batchSize)) {
      yield releaseDocument(
        release,
        locationTemplate.replace(':id', encodeURIComponent(release.id)),
      );
    }
  }
}
