import { ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { GitProvider } from '@slipway/plugin-gitops-node';
import { GitProviders } from './GitProviders';

const github = {
  integrations: { github: [{ host: 'github.com', token: 't' }] },
};

describe('GitProviders', () => {
  it('serves file:// repositories only when gitops.git.allowLocal is on', () => {
    const off = GitProviders.fromConfig(new ConfigReader(github));
    expect(() => off.forUrl('file:///srv/repos/delivery.git')).toThrow(
      /not allowed; set gitops.git.allowLocal: true/,
    );
    const on = GitProviders.fromConfig(
      new ConfigReader({ ...github, gitops: { git: { allowLocal: true } } }),
    );
    expect(on.forUrl('file:///srv/repos/delivery.git').kind).toBe('local');
  });

  it('picks GitHub for repositories of configured hosts and refuses other URLs with an InputError', () => {
    const providers = GitProviders.fromConfig(new ConfigReader(github));
    expect(providers.forUrl('https://github.com/acme/manifests.git').kind).toBe(
      'github',
    );
    expect(() =>
      providers.forUrl('https://git.example.test/acme/manifests'),
    ).toThrow(InputError);
    expect(() => providers.forUrl('git@github.com:acme/manifests.git')).toThrow(
      InputError,
    );
  });

  it('asks providers from other modules first', () => {
    const exampleHost = {
      kind: 'example-host',
      supports: (url: string) => url.startsWith('https://git.example.test/'),
    } as GitProvider;
    const providers = GitProviders.fromConfig(new ConfigReader(github), {
      extraProviders: [exampleHost],
    });
    expect(providers.forUrl('https://git.example.test/acme/manifests')).toBe(
      exampleHost,
    );
  });
});
