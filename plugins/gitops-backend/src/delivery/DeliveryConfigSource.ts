import { LoggerService } from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import {
  DeliveryConfig,
  DeliveryConfigStatus,
} from '@slipway/plugin-gitops-common';
import { GitProviderRegistry } from '@slipway/plugin-gitops-node';
import { DeliveryConfigLoader } from '../config/DeliveryConfigLoader';
import { DeliveryRepoConfig } from '../config/deliveryRepoConfig';
import {
  DeliveryRepoReader,
  gitProviderReader,
} from '../config/DeliveryRepoReader';

export interface DeliveryConfigSourceOptions {
  repo: Pick<DeliveryRepoConfig, 'url' | 'branch'>;
  providers: GitProviderRegistry;
  runtimeNames: readonly string[];
  logger: LoggerService;
  /** How long the branch head is trusted before it is resolved again. Default 5 s. */
  headTtlMs?: number;
}

/** Remembers the branch head for a few seconds, so requests do not each ask the Git host. */
function cachedHead(
  reader: DeliveryRepoReader,
  ttlMs: number,
): DeliveryRepoReader {
  let head: { sha: Promise<string>; at: number } | undefined;
  return {
    ...reader,
    headSha() {
      if (!head || Date.now() - head.at >= ttlMs) {
        const entry = { sha: reader.headSha(), at: Date.now() };
        head = entry;
        entry.sha.catch(() => {
          if (head === entry) head = undefined;
        });
      }
      return head.sha;
    },
  };
}

/**
 * The delivery config of the configured repository and branch, re-read when the head moves (checked at
 * most every few seconds). While the repository cannot be read, the last config read is served.
 */
export class DeliveryConfigSource {
  private readonly loader: DeliveryConfigLoader;
  private readonly loadedAt = new Map<string, string>();
  private lastFailure?: string;

  constructor(private readonly options: DeliveryConfigSourceOptions) {
    const provider = options.providers.forUrl(options.repo.url);
    this.loader = new DeliveryConfigLoader({
      reader: cachedHead(
        gitProviderReader(provider, options.repo),
        options.headTtlMs ?? 5_000,
      ),
      runtimeNames: options.runtimeNames,
    });
  }

  get repository(): string {
    return this.options.repo.url;
  }

  async load(): Promise<DeliveryConfig> {
    try {
      const config = await this.loader.load();
      if (!this.loadedAt.has(config.commit)) {
        this.loadedAt.clear();
        this.loadedAt.set(config.commit, new Date().toISOString());
        this.options.logger.info(
          `Delivery config at ${config.commit.slice(0, 12)}: ${
            config.environments.length
          } environment(s), ${config.products.length} product(s), ${
            config.problems.length
          } problem(s)`,
        );
      }
      this.lastFailure = undefined;
      return config;
    } catch (error) {
      const last = this.loader.lastLoaded();
      const text = `Cannot read the delivery repository ${
        this.options.repo.url
      } (${this.options.repo.branch}): ${(error as Error).message}`;
      if (text !== this.lastFailure) {
        this.options.logger.warn(text);
        this.lastFailure = text;
      }
      if (last) return last;
      throw new ServiceUnavailableError(text);
    }
  }

  async status(): Promise<DeliveryConfigStatus> {
    const config = await this.load();
    return {
      repository: this.options.repo.url,
      branch: this.options.repo.branch,
      commit: config.commit,
      loadedAt: this.loadedAt.get(config.commit) ?? new Date().toISOString(),
      // While the head cannot be read, the status says so next to the problems of the last good commit.
      problems: this.lastFailure
        ? [
            ...config.problems,
            {
              file: '',
              path: '',
              message: this.lastFailure,
              severity: 'error',
            },
          ]
        : config.problems,
    };
  }
}
