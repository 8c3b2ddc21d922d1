import { ConfigReader } from '@backstage/config';
import { JsonArray } from '@backstage/types';
import { readRuntimeConfigs } from './config';

const read = (runtimes: JsonArray) =>
  readRuntimeConfigs(new ConfigReader({ gitops: { runtimes } }));

describe('readRuntimeConfigs', () => {
  it('applies defaults and trims URLs', () => {
    const [runtime] = read([
      {
        name: 'prod',
        argocd: { url: 'https://argocd.example.com/', token: 't0ken' },
        kubernetes: { url: 'https://k8s.example.com' },
      },
    ]);
    expect(runtime).toEqual({
      name: 'prod',
      title: 'prod',
      url: 'https://argocd.example.com',
      uiUrl: 'https://argocd.example.com',
      auth: { token: 't0ken', username: undefined, password: undefined },
      timeoutMs: 5000,
      concurrency: 3,
      refreshIntervalSeconds: 30,
      resyncIntervalSeconds: 600,
      healthCheckIntervalSeconds: 60,
      retry: { initialSeconds: 1, maxSeconds: 30 },
      kubernetes: {
        url: 'https://k8s.example.com',
        token: undefined,
        namespace: 'argocd',
        rolloutsNamespace: 'argo-rollouts',
        skipTLSVerify: false,
        caData: undefined,
      },
    });
  });

  it('rejects duplicates, bad names and runtimes without credentials', () => {
    const argocd = { url: 'http://a', token: 'x' };
    expect(() =>
      read([
        { name: 'a', argocd },
        { name: 'a', argocd },
      ]),
    ).toThrow(/duplicate/);
    expect(() => read([{ name: 'Prod EU', argocd }])).toThrow(
      /not a valid runtime name/,
    );
    expect(() =>
      read([{ name: 'a', argocd: { url: 'http://a', username: 'admin' } }]),
    ).toThrow(/needs argocd.token or argocd.username and argocd.password/);
  });

  it('has no runtimes when none are configured', () => {
    expect(readRuntimeConfigs(new ConfigReader({}))).toEqual([]);
  });
});
