import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

export interface ArgoCdAuthConfig {
  token?: string;
  username?: string;
  password?: string;
}

export interface KubernetesAccessConfig {
  url: string;
  token?: string;
  namespace: string;
  rolloutsNamespace: string;
  skipTLSVerify: boolean;
  caData?: string;
}

export interface RuntimeConfig {
  name: string;
  title: string;
  url: string;
  uiUrl: string;
  auth: ArgoCdAuthConfig;
  timeoutMs: number;
  concurrency: number;
  refreshIntervalSeconds: number;
  /** While the watch stream is healthy, the full list is reloaded only this often (safety resync). */
  resyncIntervalSeconds?: number;
  /** Version and cluster checks of a healthy runtime run at most this often. */
  healthCheckIntervalSeconds?: number;
  /** Backoff between retries of a failed list load: doubles from `initialSeconds` up to `maxSeconds`. */
  retry?: { initialSeconds: number; maxSeconds: number };
  kubernetes?: KubernetesAccessConfig;
}

export const DEFAULT_RESYNC_INTERVAL_SECONDS = 600;
export const DEFAULT_HEALTH_CHECK_INTERVAL_SECONDS = 60;
export const DEFAULT_RETRY = { initialSeconds: 1, maxSeconds: 30 };

const NAME_PATTERN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** Reads `gitops.runtimes`; rejects configs that would make requests ambiguous or unauthenticated. */
export function readRuntimeConfigs(config: Config): RuntimeConfig[] {
  const entries = config.getOptionalConfigArray('gitops.runtimes') ?? [];
  const seen = new Set<string>();
  return entries.map(entry => {
    const name = entry.getString('name');
    if (!NAME_PATTERN.test(name)) {
      throw new InputError(
        `gitops.runtimes: '${name}' is not a valid runtime name (lowercase letters, digits and dashes)`,
      );
    }
    if (seen.has(name)) {
      throw new InputError(`gitops.runtimes: duplicate runtime '${name}'`);
    }
    seen.add(name);
    const url = trimSlash(entry.getString('argocd.url'));
    const auth: ArgoCdAuthConfig = {
      token: entry.getOptionalString('argocd.token'),
      username: entry.getOptionalString('argocd.username'),
      password: entry.getOptionalString('argocd.password'),
    };
    if (!auth.token && !(auth.username && auth.password)) {
      throw new InputError(
        `gitops.runtimes: runtime '${name}' needs argocd.token or argocd.username and argocd.password`,
      );
    }
    const k8s = entry.getOptionalConfig('kubernetes');
    return {
      name,
      title: entry.getOptionalString('title') ?? name,
      url,
      uiUrl: trimSlash(entry.getOptionalString('argocd.uiUrl') ?? url),
      auth,
      timeoutMs: entry.getOptionalNumber('timeoutMs') ?? 5000,
      concurrency: entry.getOptionalNumber('concurrency') ?? 3,
      refreshIntervalSeconds:
        entry.getOptionalNumber('refreshIntervalSeconds') ?? 30,
      resyncIntervalSeconds:
        entry.getOptionalNumber('resyncIntervalSeconds') ??
        DEFAULT_RESYNC_INTERVAL_SECONDS,
      healthCheckIntervalSeconds:
        entry.getOptionalNumber('healthCheckIntervalSeconds') ??
        DEFAULT_HEALTH_CHECK_INTERVAL_SECONDS,
      retry: {
        initialSeconds:
          entry.getOptionalNumber('retry.initialSeconds') ??
          DEFAULT_RETRY.initialSeconds,
        maxSeconds:
          entry.getOptionalNumber('retry.maxSeconds') ??
          DEFAULT_RETRY.maxSeconds,
      },
      kubernetes: k8s && {
        url: trimSlash(k8s.getString('url')),
        token: k8s.getOptionalString('token'),
        namespace: k8s.getOptionalString('namespace') ?? 'argocd',
        rolloutsNamespace:
          k8s.getOptionalString('rolloutsNamespace') ?? 'argo-rollouts',
        skipTLSVerify: k8s.getOptionalBoolean('skipTLSVerify') ?? false,
        caData: k8s.getOptionalString('caData'),
      },
    };
  });
}

/** Every secret value in the runtime configs, for scrubbing messages. */
export function runtimeSecrets(runtime: RuntimeConfig): string[] {
  return [
    runtime.auth.token,
    runtime.auth.password,
    runtime.kubernetes?.token,
  ].filter((s): s is string => !!s);
}
