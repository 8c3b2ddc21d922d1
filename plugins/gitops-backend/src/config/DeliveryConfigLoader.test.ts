import { LocalGitProvider } from '../git/local/LocalGitProvider';
import {
  createDeliveryRepo,
  DeliveryTestRepo,
} from './__testUtils__/deliveryRepo';
import { examplesDeliveryDir } from './__testUtils__/examplesDir';
import { DeliveryConfigLoader } from './DeliveryConfigLoader';
import { DeliveryRepoReader, gitProviderReader } from './DeliveryRepoReader';
import { formatConfigProblem } from '@slipway/plugin-gitops-common';

const runtimeNames = ['nonprod', 'prod'];
const provider = new LocalGitProvider();

/** The real reader, counting how often the repository is asked. */
function countingReader(repo: DeliveryTestRepo) {
  const inner = gitProviderReader(provider, { url: repo.url, branch: 'main' });
  const calls = { headSha: 0, listFiles: 0, readFile: 0 };
  const reader: DeliveryRepoReader = {
    headSha: () => {
      calls.headSha++;
      return inner.headSha();
    },
    listFiles: (sha, dir) => {
      calls.listFiles++;
      return inner.listFiles(sha, dir);
    },
    readFile: (sha, path) => {
      calls.readFile++;
      return inner.readFile(sha, path);
    },
  };
  return { reader, calls };
}

const environment = (
  name: string,
  order: number,
  namespaces: string,
) => `apiVersion: slipway.dev/v1alpha1
kind: Environment
metadata:
  name: ${name}
spec:
  tier: non-production
  order: ${order}
  targets:
    - runtime: nonprod
      cluster: in-cluster
      namespaces: [${namespaces}]
`;

describe('DeliveryConfigLoader', () => {
  let repo: DeliveryTestRepo;
  afterEach(() => repo?.cleanup());

  it('loads the example delivery repository without a single problem', async () => {
    repo = await createDeliveryRepo(examplesDeliveryDir());
    const { reader } = countingReader(repo);
    const config = await new DeliveryConfigLoader({
      reader,
      runtimeNames,
    }).load();

    expect(config.problems).toEqual([]);
    expect(config.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(config.environments.map(e => [e.name, e.tier, e.order])).toEqual([
      ['dev', 'non-production', 1],
      ['staging', 'non-production', 2],
      ['production', 'production', 3],
    ]);
    expect(config.environments[1].targets).toEqual([
      {
        runtime: 'nonprod',
        cluster: 'https://kubernetes.default.svc',
        namespaces: [
          'payments-staging',
          'storefront-staging',
          'search-staging',
        ],
      },
    ]);
    expect(
      config.products.map(p => [p.name, p.owner, p.concurrency, p.flows]),
    ).toEqual([
      ['payments', 'group:default/payments-team', 'queue', ['standard']],
      ['search', 'group:default/search-team', 'queue', ['standard']],
      [
        'storefront',
        'group:default/storefront-team',
        'supersede',
        ['standard'],
      ],
    ]);
    expect(config.products[1].versionSource).toEqual({
      file: 'values.yaml',
      path: '$.image.tag',
    });
    expect(config.products[2].applications.selector).toEqual({
      matchLabels: { 'app.kubernetes.io/part-of': 'storefront' },
      matchExpressions: [],
    });
    expect(config.flows).toEqual([
      {
        name: 'standard',
        title: 'Dev to staging to production',
        description:
          'Promote what runs healthy in dev to staging, then, once approved, to production.',
        trigger: { environment: 'dev', mode: 'manual' },
        steps: [
          {
            environment: 'staging',
            dependsOn: ['dev'],
            action: 'commit',
            gates: { pre: [], post: [] },
          },
          {
            environment: 'production',
            dependsOn: ['staging'],
            action: 'commit',
            gates: {
              pre: [
                {
                  type: 'manual-approval',
                  approvers: ['group:default/production-approvers'],
                },
              ],
              post: [],
            },
          },
        ],
      },
    ]);
  });

  it('reports every broken file with file, path and message, and still loads the valid ones', async () => {
    repo = await createDeliveryRepo(examplesDeliveryDir());
    const search = (await provider.readFile(
      repo.url,
      'main',
      'products/search.yaml',
    ))!;
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
    ].join('\n');
    await repo.commit({
      'products/search.yaml': search.replace(
        'path: $.image.tag',
        "path: '$.image['",
      ),
      'environments/qa.yaml': environment('qa', 4, 'qa')
        .replace('namespaces:', 'namespace:')
        .replace('runtime: nonprod', 'runtime: lab'),
      'environments/broken.yaml':
        'apiVersion: slipway.dev/v1alpha1\nkind: Environment\nmetadata: {name: broken\n',
      'environments/bomb.yaml': bomb,
      'environments/huge.yaml': `# ${'x'.repeat(600 * 1024)}\n`,
      'environments/perf.yaml': environment('perf', 5, 'perf')
        .replace('tier: non-production', 'tier: prod')
        .replace('order: 5', 'order: "5"'),
      'flows/loop.yaml': `apiVersion: slipway.dev/v1alpha1
kind: PromotionFlow
metadata: { name: loop }
spec:
  trigger: { environment: dev }
  steps:
    - { environment: staging, dependsOn: [production] }
    - { environment: production, dependsOn: [staging] }
`,
      'flows/uat.yaml': `apiVersion: slipway.dev/v1alpha1
kind: PromotionFlow
metadata: { name: uat }
spec:
  trigger: { environment: dev }
  steps:
    - { environment: staging }
    - { environment: uat, dependsOn: [staging] }
`,
      'products/ledger.yaml': `apiVersion: slipway.dev/v1alpha1
kind: Product
metadata: { name: ledger }
spec:
  owner: payments-team
  flows: [{ name: uat }, { name: standard }]
`,
      'products/copy.yaml': search.replace('name: search', 'name: payments'),
      'products/wrong-kind.yaml': environment('wrong-kind', 9, ''),
      'products/notes.md': '# not a document',
      'products/archive/old.yaml': search.replace('name: search', 'name: old'),
    });
    const { reader } = countingReader(repo);
    const config = await new DeliveryConfigLoader({
      reader,
      runtimeNames,
    }).load();

    expect(config.problems).toEqual([
      {
        file: 'environments/bomb.yaml',
        path: '',
        severity: 'error',
        message:
          'the file expands YAML aliases more than 100 times, which looks like an alias bomb; write the values out instead',
      },
      {
        file: 'environments/broken.yaml',
        path: '',
        severity: 'error',
        message: expect.stringMatching(
          /^the file is not valid YAML: .* at line 4, column 1$/,
        ),
      },
      {
        file: 'environments/huge.yaml',
        path: '',
        severity: 'error',
        message:
          'the file is 614403 bytes, larger than the 524288 bytes allowed for a YAML file',
      },
      {
        file: 'environments/perf.yaml',
        path: 'spec.order',
        severity: 'error',
        message: 'must be a number, found a string',
      },
      {
        file: 'environments/perf.yaml',
        path: 'spec.tier',
        severity: 'error',
        message: 'must be one of production, non-production; found "prod"',
      },
      {
        file: 'environments/qa.yaml',
        path: 'spec.targets[0].namespace',
        severity: 'warning',
        message:
          'is not a known field and was ignored; check its spelling and indentation',
      },
      {
        file: 'environments/qa.yaml',
        path: 'spec.targets[0].runtime',
        severity: 'warning',
        message:
          '"lab" is not a runtime in app-config gitops.runtimes (configured: nonprod, prod), so no application can match this target',
      },
      {
        file: 'flows/loop.yaml',
        path: 'spec.steps',
        severity: 'error',
        message:
          'the steps depend on each other in a cycle (staging → production → staging), so none of them could start',
      },
      {
        file: 'flows/uat.yaml',
        path: 'spec.steps[1].environment',
        severity: 'error',
        message:
          'environment "uat" is not defined in environments/ (or its file is invalid), so this flow was left out',
      },
      {
        file: 'products/archive/old.yaml',
        path: '',
        severity: 'warning',
        message:
          'the file is in a subfolder; Slipway reads only products/*.yaml',
      },
      {
        file: 'products/copy.yaml',
        path: 'metadata.name',
        severity: 'error',
        message:
          '"payments" is already defined in products/payments.yaml; this file was left out',
      },
      {
        file: 'products/copy.yaml',
        path: 'metadata.name',
        severity: 'warning',
        message:
          'is "payments" but the file is named copy; name the file after the document',
      },
      {
        file: 'products/ledger.yaml',
        path: 'spec.flows[0].name',
        severity: 'error',
        message:
          'flow "uat" is not defined in flows/ (or its file is invalid); the product cannot be released through it',
      },
      {
        file: 'products/search.yaml',
        path: 'spec.versionSource.path',
        severity: 'error',
        message:
          '"$.image[" is not a valid path: expected an index, a quoted name or a filter after "[", found the end',
      },
      {
        file: 'products/wrong-kind.yaml',
        path: 'kind',
        severity: 'error',
        message:
          'is Environment, but products/ holds Product documents; move the file to environments/',
      },
    ]);

    expect(
      config.problems
        .filter(p => p.file === 'environments/qa.yaml')
        .map(formatConfigProblem),
    ).toEqual([
      'environments/qa.yaml: spec.targets[0].namespace: is not a known field and was ignored; check its spelling and indentation (warning)',
      'environments/qa.yaml: spec.targets[0].runtime: "lab" is not a runtime in app-config gitops.runtimes (configured: nonprod, prod), so no application can match this target (warning)',
    ]);
    expect(
      formatConfigProblem(
        config.problems.find(p => p.file === 'products/search.yaml')!,
      ),
    ).toBe(
      'products/search.yaml: spec.versionSource.path: "$.image[" is not a valid path: expected an index, a quoted name or a filter after "[", found the end',
    );
    expect(config.environments.map(e => e.name)).toEqual([
      'dev',
      'staging',
      'production',
      'qa',
    ]);
    // The misspelt field was ignored, so qa targets every namespace; it still loads.
    expect(config.environments[3].targets[0].namespaces).toEqual([]);
    expect(config.products.map(p => p.name)).toEqual([
      'ledger',
      'payments',
      'storefront',
    ]);
    expect(config.products[0].flows).toEqual(['standard']);
    expect(config.flows.map(f => f.name)).toEqual(['standard']);
  });

  it('re-reads only when the branch head moves, and shares one load between callers', async () => {
    repo = await createDeliveryRepo(examplesDeliveryDir());
    const { reader, calls } = countingReader(repo);
    const loader = new DeliveryConfigLoader({ reader, runtimeNames });

    const [first, second] = await Promise.all([loader.load(), loader.load()]);
    expect(second).toBe(first);
    expect(calls).toEqual({ headSha: 1, listFiles: 3, readFile: 7 });

    expect(await loader.load()).toBe(first);
    expect(calls).toEqual({ headSha: 2, listFiles: 3, readFile: 7 });

    const head = await repo.commit({
      'environments/qa.yaml': environment('qa', 4, 'qa'),
    });
    const moved = await loader.load();
    expect(moved.commit).toBe(head);
    expect(moved.commit).not.toBe(first.commit);
    expect(moved.environments.map(e => e.name)).toContain('qa');
    expect(calls).toEqual({ headSha: 3, listFiles: 6, readFile: 15 });
  });

  it('does not cache a load that failed to read the repository', async () => {
    repo = await createDeliveryRepo(examplesDeliveryDir());
    const { reader } = countingReader(repo);
    let failures = 1;
    const flaky: DeliveryRepoReader = {
      ...reader,
      readFile: (sha, path) =>
        failures-- > 0
          ? Promise.reject(new Error('connection reset'))
          : reader.readFile(sha, path),
    };
    const loader = new DeliveryConfigLoader({ reader: flaky, runtimeNames });
    await expect(loader.load()).rejects.toThrow('connection reset');
    expect(loader.lastLoaded()).toBeUndefined();
    const config = await loader.load();
    expect(config.problems).toEqual([]);
    expect(loader.lastLoaded()).toBe(config);
  });
});
