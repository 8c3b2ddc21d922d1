import { DeliveryConfig } from '@slipway/plugin-gitops-common';
import pLimit from 'p-limit';
import { DeliveryRepoReader } from './DeliveryRepoReader';
import {
  DELIVERY_FOLDERS,
  DeliveryFile,
  isDeliveryDocument,
} from './deliveryFiles';
import {
  validateDeliveryFiles,
  ValidationOptions,
} from './validateDeliveryFiles';

export interface DeliveryConfigLoaderOptions extends ValidationOptions {
  reader: DeliveryRepoReader;
  /** Files read at once (GitHub answers one request per file). Default 8. */
  readConcurrency?: number;
}

/**
 * The delivery config at the branch head. Documents are read and validated once per commit: a call
 * re-reads only when the head moved, and callers arriving while a load runs share it. Read failures
 * (the Git host is down) reject and are not cached, so the next call tries again.
 */
export class DeliveryConfigLoader {
  private headCheck?: Promise<DeliveryConfig>;
  private latest?: { commit: string; config: Promise<DeliveryConfig> };
  private lastGood?: DeliveryConfig;

  constructor(private readonly options: DeliveryConfigLoaderOptions) {}

  /** The config at the current branch head. */
  load(): Promise<DeliveryConfig> {
    this.headCheck ??= this.loadHead().finally(() => {
      this.headCheck = undefined;
    });
    return this.headCheck;
  }

  /** The last config loaded successfully, to show while the repository cannot be read. */
  lastLoaded(): DeliveryConfig | undefined {
    return this.lastGood;
  }

  private async loadHead(): Promise<DeliveryConfig> {
    const commit = await this.options.reader.headSha();
    if (this.latest?.commit !== commit) {
      const config = this.loadAt(commit);
      const entry = { commit, config };
      this.latest = entry;
      config.then(
        loaded => {
          this.lastGood = loaded;
        },
        () => {
          if (this.latest === entry) this.latest = undefined;
        },
      );
    }
    return this.latest.config;
  }

  /** Reads and validates the documents at one commit. */
  async loadAt(commit: string): Promise<DeliveryConfig> {
    const { reader } = this.options;
    const limit = pLimit(this.options.readConcurrency ?? 8);
    const listed = await Promise.all(
      DELIVERY_FOLDERS.map(async ({ dir }) =>
        (
          await reader.listFiles(commit, dir)
        ).filter(path => isDeliveryDocument(dir, path)),
      ),
    );
    const files = await Promise.all(
      listed.flat().map(path =>
        limit(async (): Promise<DeliveryFile | undefined> => {
          const text = await reader.readFile(commit, path);
          return text === undefined ? undefined : { path, text };
        }),
      ),
    );
    return {
      commit,
      ...validateDeliveryFiles(
        files.filter((file): file is DeliveryFile => file !== undefined),
        this.options,
      ),
    };
  }
}
