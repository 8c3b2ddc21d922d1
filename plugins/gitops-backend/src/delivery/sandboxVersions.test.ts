import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type {
  ApplicationSummary,
  EnvironmentListResponse,
  ListResponse,
  ProductDetail,
  ProductListResponse,
} from '@slipway/plugin-gitops-common';
import { parse } from 'yaml';
import { SandboxWorld, startSandboxWorld } from '../__testUtils__/sandboxWorld';
import { waitFor } from '../__testUtils__/waitFor';

const run = promisify(execFile);
jest.setTimeout(120_000);

/** The value at a dotted `$.a.b` path of a YAML file in a bare repository at one commit. */
async function valueAt(
  gitDir: string,
  revision: string,
  file: string,
  path: string,
): Promise<string> {
  const { stdout } = await run('git', [
    `--git-dir=${gitDir}`,
    'show',
    `${revision}:${file}`,
  ]);
  let value: any = parse(stdout);
  for (const key of path.replace(/^\$\./, '').split('.')) value = value?.[key];
  return String(value);
}

/**
 * The sandbox as `npm start` builds it (delivery and app-manifests repositories, both simulated
 * runtimes): every application's version must be the value in its repository at its synced revision.
 */
describe('delivery board on the sandbox', () => {
  let world: SandboxWorld;
  let sandbox: SandboxWorld['sandbox'];
  let gitops: SandboxWorld['gitops'];

  beforeAll(async () => {
    world = await startSandboxWorld();
    ({ sandbox, gitops } = world);
  });

  afterAll(() => world?.stop());

  it('shows for every application the version in its repository at the synced revision', async () => {
    const products = await waitFor(async () => {
      const res = await gitops.api().get('/api/gitops/products');
      expect(res.status).toBe(200);
      const body = res.body as ProductListResponse;
      // Wait until every placed application has synced once.
      return (
        body.items.every(p =>
          p.environments.every(e => e.applications === 0 || e.version),
        ) && body
      );
    }, 30_000);
    expect(products.errors).toEqual([]);
    expect(products.items.map(p => p.product.name)).toEqual([
      'payments',
      'search',
      'storefront',
    ]);

    const apps = (await gitops.api().get('/api/gitops/applications'))
      .body as ListResponse<ApplicationSummary>;
    const sourcePath = new Map(
      apps.items.map(app => [
        `${app.runtime}/${app.name}`,
        app.sources[0].path!,
      ]),
    );

    let checked = 0;
    for (const { product } of products.items) {
      const detail = (
        await gitops.api().get(`/api/gitops/products/${product.name}`)
      ).body as ProductDetail;
      const source = detail.product.versionSource!;
      for (const environment of detail.environments) {
        for (const app of environment.applications) {
          const expected = await valueAt(
            sandbox.repos.appManifests.path,
            app.revision!,
            `${sourcePath.get(`${app.runtime}/${app.name}`)}/${source.file}`,
            source.path,
          );
          expect({ app: app.name, version: app.version.value }).toEqual({
            app: app.name,
            version: expected,
          });
          expect(app.version.source).toBe('file');
          checked += 1;
        }
      }
    }
    // Every seeded application that a product claims was checked, and none was dropped.
    const unassigned = products.unassigned.length;
    expect(checked + unassigned).toBe(apps.items.length);
    expect(checked).toBeGreaterThan(10);
  });

  it('lists environments in order with the health of their applications', async () => {
    const res = await gitops.api().get('/api/gitops/environments');
    expect(res.status).toBe(200);
    const body = res.body as EnvironmentListResponse;
    expect(body.items.map(e => [e.name, e.tier])).toEqual([
      ['dev', 'non-production'],
      ['staging', 'non-production'],
      ['production', 'production'],
    ]);
    for (const environment of body.items) {
      expect(environment.applications.total).toBeGreaterThan(0);
      expect(environment.products).toBe(3);
    }
  });

  it('reports the delivery commit it read', async () => {
    const res = await gitops.api().get('/api/gitops/config/status');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      repository: sandbox.repos.delivery.url,
      branch: 'main',
      commit: sandbox.repos.delivery.head,
      problems: [],
    });
  });
});
