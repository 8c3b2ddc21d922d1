import request from 'supertest';
import type { ApplicationSeed } from '../argocd/types';
import { startSimulator } from '../startSimulator';
import type { RunningSimulator, SimulatorOptions } from '../types';
import { chartFiles, createGitFixture, GitFixture } from './gitFixture';

export const token = 'test-token';
export const auth = { Authorization: `Bearer ${token}` };

export function gitApp(
  repoURL: string,
  name: string,
  options: {
    app?: string;
    env?: string;
    automated?: boolean;
    project?: string;
    labels?: Record<string, string>;
  } = {},
): ApplicationSeed {
  const app = options.app ?? 'payments-api';
  const env = options.env ?? 'dev';
  return {
    metadata: {
      name,
      namespace: 'argocd',
      labels: options.labels ?? { 'app.kubernetes.io/part-of': 'payments' },
      annotations: { 'slipway.dev/product': 'payments' },
    },
    spec: {
      project: options.project ?? 'default',
      source: { repoURL, path: `apps/${app}/${env}`, targetRevision: 'main' },
      destination: {
        server: 'https://kubernetes.default.svc',
        namespace: `${app}-${env}`,
      },
      ...(options.automated === false
        ? {}
        : { syncPolicy: { automated: { prune: true, selfHeal: true } } }),
    },
  };
}

export interface GitSimulator {
  sim: RunningSimulator;
  git: GitFixture;
  /** SHA of the first commit (payments-api dev and prod at 1.4.2). */
  initialSha: string;
  api: ReturnType<typeof request>;
  close(): Promise<void>;
}

/**
 * A simulator over a fresh bare repo holding payments-api in dev (automated) and prod (manual sync),
 * with short timings.
 */
export async function startGitSimulator(
  extra: Partial<SimulatorOptions> = {},
  configure: (apps: ApplicationSeed[]) => void = () => {},
): Promise<GitSimulator> {
  const git = await createGitFixture();
  const initialSha = await git.commit(
    {
      ...chartFiles('payments-api', 'dev', '1.4.2'),
      ...chartFiles('payments-api', 'prod', '1.4.2', 3),
    },
    'Add payments-api 1.4.2',
  );
  const applications = [
    gitApp(git.repoURL, 'payments-api-dev'),
    gitApp(git.repoURL, 'payments-api-prod', {
      env: 'prod',
      automated: false,
      project: 'production',
    }),
  ];
  configure(applications);
  const sim = await startSimulator({
    name: 'test',
    tokens: [token],
    users: [{ username: 'admin', password: 'slipway' }],
    timings: { pollIntervalMs: 100, syncDelayMs: 150, progressingMs: 400 },
    applications,
    ...extra,
  }).catch(async error => {
    await git.cleanup();
    throw error;
  });
  return {
    sim,
    git,
    initialSha,
    api: request(sim.url),
    async close() {
      await sim.close();
      await git.cleanup();
    },
  };
}
