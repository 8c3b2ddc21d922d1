import { ConfigReader } from '@backstage/config';
import { readDeliveryRepoConfig } from './deliveryRepoConfig';

const read = (gitops: object) =>
  readDeliveryRepoConfig(new ConfigReader({ gitops }));

describe('readDeliveryRepoConfig', () => {
  it('reads a GitHub repository with the default branch', () => {
    expect(
      read({ deliveryRepo: { url: 'https://github.com/acme/delivery' } }),
    ).toEqual({
      url: 'https://github.com/acme/delivery',
      branch: 'main',
      allowLocal: false,
    });
  });

  it('is undefined without a delivery repository', () => {
    expect(read({ runtimes: [] })).toBeUndefined();
  });

  it('reads a local repository only when allowed', () => {
    const local = {
      deliveryRepo: { url: 'file:///srv/delivery.git', branch: 'release' },
    };
    expect(() => read(local)).toThrow(
      "gitops.deliveryRepo.url: 'file:///srv/delivery.git' is a local repository; set gitops.git.allowLocal: true to read it (sandbox and development only)",
    );
    expect(read({ ...local, git: { allowLocal: true } })).toEqual({
      url: 'file:///srv/delivery.git',
      branch: 'release',
      allowLocal: true,
    });
  });

  it('resolves a relative file URL against the working directory', () => {
    const config = new ConfigReader({
      gitops: {
        deliveryRepo: { url: 'file://../../.sandbox/repos/delivery.git' },
        git: { allowLocal: true },
      },
    });
    expect(
      readDeliveryRepoConfig(config, '/work/main/packages/backend')?.url,
    ).toBe('file:///work/main/.sandbox/repos/delivery.git');
    const absolute = new ConfigReader({
      gitops: {
        deliveryRepo: { url: 'file:///srv/sandbox/repos/delivery.git' },
        git: { allowLocal: true },
      },
    });
    expect(readDeliveryRepoConfig(absolute, '/elsewhere')?.url).toBe(
      'file:///srv/sandbox/repos/delivery.git',
    );
  });

  it('rejects URLs and branches it cannot use', () => {
    expect(() =>
      read({ deliveryRepo: { url: 'github.com/acme/delivery' } }),
    ).toThrow('is not a URL');
    expect(() =>
      read({ deliveryRepo: { url: 'http://git.local/delivery' } }),
    ).toThrow('must be an https:// URL');
    expect(() =>
      read({
        deliveryRepo: {
          url: 'https://github.com/acme/delivery',
          branch: 'feature/../main',
        },
      }),
    ).toThrow(
      "gitops.deliveryRepo.branch: 'feature/../main' is not a valid branch name",
    );
  });
});
