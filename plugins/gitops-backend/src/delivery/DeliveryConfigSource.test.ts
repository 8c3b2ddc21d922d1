import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setupServer } from 'msw/node';
import { examplesDeliveryDir } from '../config/__testUtils__/examplesDir';
import { FakeGithub } from '../git/__testUtils__/fakeGithub';
import { GitProviders } from '../git/GitProviders';
import { DeliveryConfigSource } from './DeliveryConfigSource';

const server = setupServer();
registerMswTestHooks(server);

/** examples/delivery as repository files. */
function exampleFiles(): Record<string, string> {
  const root = examplesDeliveryDir();
  const files: Record<string, string> = {};
  for (const dir of ['environments', 'products', 'flows']) {
    for (const name of readdirSync(join(root, dir))) {
      files[`${dir}/${name}`] = readFileSync(join(root, dir, name), 'utf8');
    }
  }
  return files;
}

describe('DeliveryConfigSource on GitHub', () => {
  it('reads the config at the branch head, reports problems, and re-reads only when the head moves', async () => {
    const github = new FakeGithub({ token: 'ghp_t0ken', repo: 'delivery' });
    server.use(...github.handlers());
    const first = github.push('main', exampleFiles());
    const source = new DeliveryConfigSource({
      repo: { url: 'https://github.com/acme/delivery', branch: 'main' },
      providers: GitProviders.fromConfig(
        new ConfigReader({
          integrations: {
            github: [{ host: 'github.com', token: 'ghp_t0ken' }],
          },
        }),
      ),
      runtimeNames: ['nonprod', 'prod'],
      logger: mockServices.logger.mock(),
      headTtlMs: 0,
    });

    const status = await source.status();
    expect(status).toMatchObject({
      repository: 'https://github.com/acme/delivery',
      branch: 'main',
      commit: first,
      problems: [],
    });
    const config = await source.load();
    expect(config.products.map(p => p.name)).toEqual([
      'payments',
      'search',
      'storefront',
    ]);

    const reads = github.count();
    await source.load();
    // Same head: one ref lookup, no file reads.
    expect(github.count() - reads).toBe(1);

    const second = github.push('main', {
      'environments/qa.yaml':
        'apiVersion: slipway.dev/v1alpha1\nkind: Environment\nmetadata:\n  name: qa\nspec:\n  tier: testing\n  order: 4\n  targets: []\n',
    });
    const after = await source.status();
    expect(after.commit).toBe(second);
    expect(after.problems).toEqual([
      {
        file: 'environments/qa.yaml',
        path: 'spec.targets',
        message: 'needs at least 1 item',
        severity: 'error',
      },
      {
        file: 'environments/qa.yaml',
        path: 'spec.tier',
        message: 'must be one of production, non-production; found "testing"',
        severity: 'error',
      },
    ]);
    expect((await source.load()).environments.map(e => e.name)).toEqual([
      'dev',
      'staging',
      'production',
    ]);
  });
});
