/**
 * Run with: node --import tsx --test scripts/sandbox/*.test.ts
 */
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { loadSeed } from '@slipway/runtime-simulator';
import { git } from './git';
import { loadHistory } from './history';
import { REPO_ROOT } from './paths';
import { prepareSandbox, type Sandbox } from './prepareSandbox';

const examples = join(REPO_ROOT, 'examples');
/** When these sandboxes are made: the same day gives the same commits. */
const NOW = new Date('2026-12-07T15:00:00Z');

/** Replaces text in a file, failing when the text is not there (so a test cannot pass by accident). */
async function editFile(file: string, from: string, to: string) {
  const text = await readFile(file, 'utf8');
  assert.ok(text.includes(from), `${file} does not contain ${from}`);
  await writeFile(file, text.replace(from, to));
}

describe('prepareSandbox', () => {
  let temp: string;
  let sandboxDir: string;
  let first: Sandbox;

  before(async () => {
    temp = await mkdtemp(join(tmpdir(), 'slipway-sandbox-test-'));
    sandboxDir = join(temp, '.sandbox');
    first = await prepareSandbox({ root: REPO_ROOT, sandboxDir, now: NOW });
  });
  after(() => rm(temp, { recursive: true, force: true }));

  test('creates bare repositories with branch main', async () => {
    assert.equal(first.created, true);
    for (const repo of [first.repos.delivery, first.repos.appManifests]) {
      assert.equal(
        await git([
          '--git-dir',
          repo.path,
          'rev-parse',
          '--is-bare-repository',
        ]),
        'true',
      );
      assert.equal(
        await git(['--git-dir', repo.path, 'symbolic-ref', 'HEAD']),
        'refs/heads/main',
      );
      assert.equal(
        await git(['--git-dir', repo.path, 'rev-parse', 'main']),
        repo.head,
      );
      assert.equal(repo.url, `file://${repo.path}`);
    }
    assert.equal(
      first.repos.delivery.path,
      join(sandboxDir, 'repos', 'delivery.git'),
    );
    const files = await git([
      '--git-dir',
      first.repos.delivery.path,
      'ls-tree',
      '-r',
      '--name-only',
      'main',
    ]);
    assert.ok(files.split('\n').includes('environments/production.yaml'));
    assert.ok(files.split('\n').includes('flows/standard.yaml'));
  });

  test('replays the commits of history.yaml, ending at the example files', async () => {
    const history = await loadHistory(
      join(examples, 'app-manifests', 'history.yaml'),
      NOW,
    );
    const log = await git([
      '--git-dir',
      first.repos.appManifests.path,
      'log',
      '--reverse',
      '--format=%an <%ae>%x09%aI%x09%s',
      'main',
    ]);
    assert.deepEqual(
      log.split('\n'),
      history.map(
        c =>
          `${c.author.name} <${c.author.email}>\t${c.date.replace(
            'Z',
            '+00:00',
          )}\t${c.message.split('\n')[0]}`,
      ),
    );
    // Versions differ per environment, so there is something to promote.
    const show = (path: string) =>
      git(['--git-dir', first.repos.appManifests.path, 'show', `main:${path}`]);
    const tag = async (env: string) =>
      (
        parse(await show(`apps/payments-api/${env}/values.yaml`)) as {
          image: { tag: string };
        }
      ).image.tag;
    assert.deepEqual(
      [await tag('dev'), await tag('staging'), await tag('production')],
      ['1.5.0', '1.4.3', '1.4.2'],
    );
    assert.equal(
      await show('apps/ledger/production/values.yaml'),
      (
        await readFile(
          join(examples, 'app-manifests/apps/ledger/production/values.yaml'),
          'utf8',
        )
      ).trimEnd(),
    );
    // An earlier commit still holds the earlier version.
    const old = await git([
      '--git-dir',
      first.repos.appManifests.path,
      'show',
      'main~16:apps/payments-api/dev/Chart.yaml',
    ]);
    assert.match(old, /appVersion: '1\.4\.1'/);
  });

  test('writes a seed with absolute file URLs of folders that exist at HEAD', async () => {
    const seed = parse(await readFile(first.seedFile, 'utf8')) as {
      runtimes: {
        name: string;
        applications: {
          metadata: { name: string };
          spec: { source: { repoURL: string; path: string } };
        }[];
      }[];
    };
    // The simulator accepts it as it is.
    const loaded = await loadSeed(first.seedFile);
    assert.deepEqual(
      loaded.runtimes.map(r => [r.name, r.port, r.kubernetesPort]),
      [
        ['nonprod', 18081, 18082],
        ['prod', 18083, 18084],
      ],
    );
    assert.deepEqual(
      seed.runtimes.map(r => r.name),
      ['nonprod', 'prod'],
    );
    const apps = seed.runtimes.flatMap(r => r.applications);
    assert.equal(apps.length, 21);
    for (const app of apps) {
      const { repoURL, path } = app.spec.source;
      assert.equal(repoURL, first.repos.appManifests.url, app.metadata.name);
      assert.ok(isAbsolute(fileURLToPath(repoURL)));
      const tree = await git([
        '--git-dir',
        fileURLToPath(repoURL),
        'ls-tree',
        '--name-only',
        `main:${path}`,
      ]);
      assert.deepEqual(
        tree.split('\n'),
        ['Chart.yaml', 'values.yaml'],
        app.metadata.name,
      );
    }
    const entities = await readFile(
      join(first.catalogDir, 'entities.yaml'),
      'utf8',
    );
    assert.doesNotMatch(entities, /\$\{SANDBOX_REPOS\}/);
    assert.ok(
      entities.includes(
        `backstage.io/source-location: url:${first.repos.appManifests.url}`,
      ),
    );
  });

  test('reuses an existing sandbox untouched, keeping pushed commits', async () => {
    const clone = join(temp, 'clone');
    await git(['clone', '--quiet', first.repos.appManifests.url, clone]);
    const file = join(clone, 'apps/payments-api/staging/values.yaml');
    await editFile(file, "tag: '1.4.3'", "tag: '1.5.0'");
    await git(
      ['commit', '--quiet', '-am', 'Promote payments-api 1.5.0 to staging'],
      { cwd: clone },
    );
    await git(['push', '--quiet', 'origin', 'main'], { cwd: clone });
    const pushed = await git(['rev-parse', 'HEAD'], { cwd: clone });

    const second = await prepareSandbox({
      root: REPO_ROOT,
      sandboxDir,
      now: NOW,
    });
    assert.equal(second.created, false);
    assert.equal(second.outdated, false);
    assert.equal(second.repos.delivery.head, first.repos.delivery.head);
    assert.equal(second.repos.appManifests.head, pushed);
  });

  test('reset recreates the sandbox from the examples', async () => {
    await writeFile(join(first.dbDir, 'portal.sqlite'), 'state');
    const reset = await prepareSandbox({
      root: REPO_ROOT,
      sandboxDir,
      reset: true,
      now: NOW,
    });
    assert.equal(reset.created, true);
    // Fixed dates and authors: the same examples on the same day give the same commits.
    assert.equal(reset.repos.appManifests.head, first.repos.appManifests.head);
    assert.equal(reset.repos.delivery.head, first.repos.delivery.head);
    await assert.rejects(readFile(join(reset.dbDir, 'portal.sqlite')), {
      code: 'ENOENT',
    });
  });

  test('refuses a damaged repository and says how to recover', async () => {
    await rm(join(first.repos.delivery.path, 'refs', 'heads', 'main'));
    await rm(join(first.repos.delivery.path, 'packed-refs'), { force: true });
    await assert.rejects(
      prepareSandbox({ root: REPO_ROOT, sandboxDir, now: NOW }),
      /delivery\.git is not a usable sandbox repository.*sandbox:reset/s,
    );
    await prepareSandbox({ root: REPO_ROOT, sandboxDir, reset: true });
  });
});

test('an existing sandbox tells when the examples changed since it was made', async () => {
  const temp = await mkdtemp(join(tmpdir(), 'slipway-sandbox-outdated-'));
  try {
    await cp(examples, join(temp, 'examples'), { recursive: true });
    const made = await prepareSandbox({ root: temp });
    await editFile(
      join(temp, 'examples/delivery/environments/dev.yaml'),
      'title: Development',
      'title: Dev',
    );
    const reused = await prepareSandbox({ root: temp });
    assert.equal(reused.outdated, true);
    assert.equal(reused.repos.delivery.head, made.repos.delivery.head);
    const reset = await prepareSandbox({ root: temp, reset: true });
    assert.equal(reset.outdated, false);
    assert.notEqual(reset.repos.delivery.head, made.repos.delivery.head);
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
});

describe('history.yaml', () => {
  test('preparing fails and names the file when an example version is not reached by the history', async () => {
    const temp = await mkdtemp(join(tmpdir(), 'slipway-sandbox-history-'));
    try {
      await cp(examples, join(temp, 'examples'), { recursive: true });
      const file = join(
        temp,
        'examples/app-manifests/apps/ledger/dev/values.yaml',
      );
      await editFile(file, "tag: '1.5.0'", "tag: '1.5.1'");
      await assert.rejects(
        prepareSandbox({ root: temp }),
        /history\.yaml does not end at the files .*apps\/ledger\/dev\/values\.yaml differs/,
      );
    } finally {
      await rm(temp, { recursive: true, force: true });
    }
  });

  test('a change of a value that does not exist is an error', async () => {
    const temp = await mkdtemp(join(tmpdir(), 'slipway-sandbox-history-'));
    try {
      await cp(examples, join(temp, 'examples'), { recursive: true });
      const file = join(temp, 'examples/app-manifests/history.yaml');
      await editFile(
        file,
        'path: $.replicaCount\n        value: 2',
        'path: $.replicas\n        value: 2',
      );
      await assert.rejects(
        prepareSandbox({ root: temp }),
        /sets \$\.replicas in apps\/payments-worker\/dev\/values\.yaml, which has no such value/,
      );
    } finally {
      await rm(temp, { recursive: true, force: true });
    }
  });
});
