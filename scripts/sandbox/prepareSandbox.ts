import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import {
  cp,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rename,
  rm,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { git, SANDBOX_IDENTITY } from './git';
import { applyCommit, loadHistory } from './history';

export interface PrepareSandboxOptions {
  /** The Slipway repository root; examples are read from `<root>/examples`. */
  root: string;
  /** Where the sandbox lives; default `<root>/.sandbox`. */
  sandboxDir?: string;
  /** Delete the sandbox (repositories, portal database) and create it again. */
  reset?: boolean;
  /** When the sandbox is made: its app-manifests history ends the day before. Default: now. */
  now?: Date;
}

export interface SandboxRepo {
  /** Absolute path of the bare repository. */
  path: string;
  /** `file://` URL of the bare repository. */
  url: string;
  /** Commit SHA of `main`. */
  head: string;
}

export interface Sandbox {
  dir: string;
  /** `file://` URL of the folder holding the repositories (what `${SANDBOX_REPOS}` becomes). */
  reposUrl: string;
  /** Seed of the simulated runtimes, for `loadSeed`. */
  seedFile: string;
  /** Catalog entities of the sandbox; `catalog/all.yaml` is the location to register. */
  catalogDir: string;
  /** SQLite files of the portal. */
  dbDir: string;
  repos: { delivery: SandboxRepo; appManifests: SandboxRepo };
  /** Whether any repository was created now (false: an existing sandbox was reused). */
  created: boolean;
  /** The repositories were made from examples that have changed since; a reset picks the changes up. */
  outdated: boolean;
}

const PLACEHOLDER = '${SANDBOX_REPOS}';
const DELIVERY_DATE = '2026-10-26T09:00:00Z';

/**
 * Creates the sandbox from `examples/` unless it exists. Existing repositories are reused untouched,
 * so promotions made in an earlier session survive a restart; the generated seed, catalog and README
 * are rewritten only when the examples changed.
 */
export async function prepareSandbox(
  options: PrepareSandboxOptions,
): Promise<Sandbox> {
  const root = resolve(options.root);
  const examples = join(root, 'examples');
  const dir = resolve(options.sandboxDir ?? join(root, '.sandbox'));
  if (root === dir || root.startsWith(dir + sep)) {
    throw new Error(
      `Refusing to use ${dir} as the sandbox: it contains the repository`,
    );
  }
  if (options.reset) {
    await rm(dir, { recursive: true, force: true });
  }
  const reposDir = join(dir, 'repos');
  await mkdir(reposDir, { recursive: true });
  const reposUrl = pathToFileURL(reposDir).href;

  const delivery = await ensureRepo(join(reposDir, 'delivery.git'), tree =>
    buildDelivery(join(examples, 'delivery'), tree),
  );
  const appManifests = await ensureRepo(
    join(reposDir, 'app-manifests.git'),
    tree =>
      buildAppManifests(
        join(examples, 'app-manifests'),
        tree,
        options.now ?? new Date(),
      ),
  );

  // Remember which examples the repositories were made from, to tell when a reset would change them.
  const fingerprintFile = join(dir, 'examples.sha256');
  const fingerprint = await fingerprintOf(examples, [
    'delivery',
    'app-manifests',
  ]);
  if (delivery.created || appManifests.created) {
    await writeIfChanged(fingerprintFile, `${fingerprint}\n`);
  }
  const madeFrom = await readFile(fingerprintFile, 'utf8').catch(() => '');

  const seedFile = join(dir, 'runtimes.yaml');
  const seed = await readFile(
    join(examples, 'sandbox', 'runtimes.yaml'),
    'utf8',
  );
  await writeIfChanged(seedFile, seed.replaceAll(PLACEHOLDER, reposUrl));

  const catalogDir = join(dir, 'catalog');
  await mirrorRendered(join(examples, 'catalog'), catalogDir, reposUrl);

  const dbDir = join(dir, 'db');
  await mkdir(dbDir, { recursive: true });
  await writeIfChanged(
    join(dir, 'README.txt'),
    readme(relative(root, dir) || dir),
  );

  return {
    dir,
    reposUrl,
    seedFile,
    catalogDir,
    dbDir,
    repos: { delivery: delivery.repo, appManifests: appManifests.repo },
    created: delivery.created || appManifests.created,
    outdated: madeFrom.trim() !== fingerprint,
  };
}

/**
 * Returns the bare repository at `path`, building it first when it does not exist. The repository is
 * built next to its final place and renamed into it, so an interrupted build never leaves a half-made
 * repository behind.
 */
async function ensureRepo(
  path: string,
  fill: (workTree: string) => Promise<void>,
): Promise<{ repo: SandboxRepo; created: boolean }> {
  let created = false;
  if (!existsSync(path)) {
    const building = `${path}.building-${process.pid}-${Date.now()}`;
    const workTree = await mkdtemp(join(tmpdir(), 'slipway-sandbox-'));
    try {
      await git(['init', '--quiet', '--bare', building]);
      // The sandbox never rewrites history; neither should anything pushing to it.
      await git([
        '--git-dir',
        building,
        'config',
        'receive.denyNonFastForwards',
        'true',
      ]);
      await git(['init', '--quiet', workTree]);
      await fill(workTree);
      await git(['push', '--quiet', building, 'HEAD:refs/heads/main'], {
        cwd: workTree,
      });
      try {
        await rename(building, path);
        created = true;
      } catch (error) {
        // Another prepare finished first; use its repository.
        if (!existsSync(path)) throw error;
      }
    } finally {
      await rm(workTree, { recursive: true, force: true });
      await rm(building, { recursive: true, force: true });
    }
  }
  let head: string;
  try {
    head = await git([
      '--git-dir',
      path,
      'rev-parse',
      '--verify',
      'refs/heads/main^{commit}',
    ]);
  } catch (error) {
    throw new Error(
      `${path} is not a usable sandbox repository (${
        (error as Error).message
      }). ` + 'Run `npm run sandbox:reset` to create the sandbox again.',
    );
  }
  return { repo: { path, url: pathToFileURL(path).href, head }, created };
}

async function buildDelivery(source: string, workTree: string) {
  await cp(source, workTree, { recursive: true });
  await git(['add', '--all'], { cwd: workTree });
  await git(
    [
      'commit',
      '--quiet',
      '-m',
      'Describe the environments, products and promotion flow',
    ],
    { cwd: workTree, date: DELIVERY_DATE },
  );
}

/**
 * Replays history.yaml so the repository ends at the files in examples/app-manifests. The commits are
 * built in memory and written by one `git fast-import`: a hundred commits take a second, not a minute.
 */
async function buildAppManifests(source: string, workTree: string, now: Date) {
  const historyFile = join(source, 'history.yaml');
  const history = await loadHistory(historyFile, now);
  const files = new Map<string, string>();
  for (const file of await listFiles(source)) {
    if (join(source, file) === historyFile) continue;
    files.set(
      file.split(sep).join('/'),
      await readFile(join(source, file), 'utf8'),
    );
  }
  const examples = new Map(files);
  let committed = new Map<string, string>();
  const stream: string[] = [];
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  for (const commit of history) {
    applyCommit(files, commit);
    const changed = [...files.keys()]
      .filter(file => committed.get(file) !== files.get(file))
      .sort();
    if (changed.length === 0) {
      throw new Error(
        `${historyFile}: commit "${firstLine(commit.message)}" changes nothing`,
      );
    }
    const when = `${Math.floor(Date.parse(commit.date) / 1000)} +0000`;
    stream.push(
      'commit refs/heads/main\n',
      `author ${commit.author.name} <${commit.author.email}> ${when}\n`,
      `committer ${SANDBOX_IDENTITY.name} <${SANDBOX_IDENTITY.email}> ${when}\n`,
      data(`${commit.message}\n`),
      ...changed.map(
        file => `M 100644 inline ${file}\n${data(files.get(file)!)}`,
      ),
    );
    committed = new Map(files);
  }
  await git(['fast-import', '--quiet', '--done'], {
    cwd: workTree,
    input: `${stream.join('')}done\n`,
  });
  for (const [file, want] of examples) {
    if (files.get(file) !== want) {
      throw new Error(
        `${historyFile} does not end at the files in ${source}: ${file} differs after the last commit`,
      );
    }
  }
}

/** Copies a folder, replacing the repositories placeholder, and removes files no longer in it. */
async function mirrorRendered(
  source: string,
  target: string,
  reposUrl: string,
) {
  const files = await listFiles(source);
  for (const file of files) {
    const text = await readFile(join(source, file), 'utf8');
    await writeIfChanged(
      join(target, file),
      text.replaceAll(PLACEHOLDER, reposUrl),
    );
  }
  const keep = new Set(files);
  for (const file of existsSync(target) ? await listFiles(target) : []) {
    if (!keep.has(file)) await rm(join(target, file));
  }
}

async function fingerprintOf(root: string, folders: string[]) {
  const hash = createHash('sha256');
  for (const folder of folders) {
    for (const file of await listFiles(join(root, folder))) {
      hash.update(`${folder}/${file}\0`);
      hash.update(await readFile(join(root, folder, file)));
      hash.update('\0');
    }
  }
  return hash.digest('hex');
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter(e => e.isFile())
    .map(e => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

async function writeIfChanged(file: string, content: string) {
  const current = await readFile(file, 'utf8').catch(() => undefined);
  if (current === content) return;
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, content);
}

function firstLine(text: string) {
  return text.split('\n')[0];
}

function readme(where: string) {
  return `This is the Slipway sandbox (${where}): the local state behind \`npm start\`.

  repos/delivery.git        bare Git repository: environments, products, promotion flows (branch main)
  repos/app-manifests.git   bare Git repository: Helm values of every application and environment
  runtimes.yaml             seed of the two simulated Argo CD runtimes (nonprod, prod)
  catalog/                  catalog entities and templates of the sandbox portal
  db/                       SQLite files of the portal
  examples.sha256           fingerprint of the examples the repositories were made from

It was made from examples/ in the Slipway repository. \`npm start\` reuses it, so promotions made in
the portal survive a restart. Change the repositories like any other: git clone, commit, push.
\`npm run sandbox:reset\` deletes everything here and makes it again from examples/.
Nothing here is real: the Argo CD runtimes are simulated and the repositories are local.
`;
}
