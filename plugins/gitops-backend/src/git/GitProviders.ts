import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  GitProvider,
  GitProviderRegistry,
  RetryOptions,
} from '@slipway/plugin-gitops-node';
import { GithubGitProvider } from './github/GithubGitProvider';
import { LocalGitProvider } from './local/LocalGitProvider';

export interface GitProvidersOptions {
  /** Providers added by other backend modules (other hosts); asked before the built-in ones. */
  extraProviders?: GitProvider[];
  retry?: RetryOptions;
}

/**
 * The Git providers of the backend, chosen by repository URL. Local `file://` repositories are served
 * only with `gitops.git.allowLocal: true` (the sandbox and tests), so a production portal cannot be
 * pointed at its own file system.
 */
export class GitProviders implements GitProviderRegistry {
  static fromConfig(
    config: Config,
    options: GitProvidersOptions = {},
  ): GitProviders {
    const allowLocal =
      config.getOptionalBoolean('gitops.git.allowLocal') ?? false;
    return new GitProviders(
      [
        ...(options.extraProviders ?? []),
        GithubGitProvider.fromConfig(config, { retry: options.retry }),
        ...(allowLocal ? [new LocalGitProvider({ retry: options.retry })] : []),
      ],
      allowLocal,
    );
  }

  constructor(
    private readonly providers: GitProvider[],
    private readonly allowLocal: boolean,
  ) {}

  forUrl(url: string): GitProvider {
    const provider = this.providers.find(p => p.supports(url));
    if (provider) {
      return provider;
    }
    if (url.startsWith('file://') && !this.allowLocal) {
      throw new InputError(
        `Local repository '${url}' is not allowed; set gitops.git.allowLocal: true to use file:// repositories (sandbox only)`,
      );
    }
    throw new InputError(
      `No Git provider for '${url}'; use https://<github host>/<owner>/<repo> of a configured integrations.github host`,
    );
  }
}
