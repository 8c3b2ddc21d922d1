import { readFile } from 'node:fs/promises';
import { isScalar, parse, parseDocument } from 'yaml';
import type { GitIdentity } from './git';
import { endingYesterday, generatePast, type PastSpec } from './past';

/** One commit of examples/app-manifests/history.yaml. */
export interface HistoryCommit {
  date: string;
  author: GitIdentity;
  message: string;
  versions: { apps: string[]; environments: string[]; version: string }[];
  set: { file: string; path: string; value: unknown }[];
}

/**
 * Reads and checks history.yaml; every problem names the commit it is in. The commits to replay are
 * the generated past (when the file has a `past:` section) followed by the written commits, all moved
 * to end the day before `now`.
 */
export async function loadHistory(
  file: string,
  now: Date,
): Promise<HistoryCommit[]> {
  const raw = parse(await readFile(file, 'utf8')) as {
    authors?: Record<string, GitIdentity>;
    past?: PastSpec;
    commits?: Record<string, unknown>[];
  };
  const authors = raw?.authors ?? {};
  if (!Array.isArray(raw?.commits) || raw.commits.length === 0) {
    throw new Error(`${file}: no commits`);
  }
  const written = writtenCommits(file, raw.commits, authors);
  const past = raw.past
    ? generatePast(raw.past, authors, new Date(written[0].date))
    : [];
  return endingYesterday([...past, ...written], now);
}

function writtenCommits(
  file: string,
  commits: Record<string, unknown>[],
  authors: Record<string, GitIdentity>,
): HistoryCommit[] {
  return commits.map((c, index) => {
    const where = `${file}: commit ${index + 1}`;
    const author = authors[String(c.author)];
    if (!author?.name || !author?.email) {
      throw new Error(`${where}: unknown author "${c.author}"`);
    }
    if (typeof c.date !== 'string' || Number.isNaN(Date.parse(c.date))) {
      throw new Error(`${where}: date must be an ISO 8601 string`);
    }
    if (typeof c.message !== 'string' || !c.message.trim()) {
      throw new Error(`${where}: message is missing`);
    }
    const versions = (c.versions ?? []) as HistoryCommit['versions'];
    const set = (c.set ?? []) as HistoryCommit['set'];
    for (const v of versions) {
      if (
        !Array.isArray(v.apps) ||
        !Array.isArray(v.environments) ||
        v.version == null
      ) {
        throw new Error(
          `${where}: versions entries need apps[], environments[] and version`,
        );
      }
    }
    for (const s of set) {
      if (
        typeof s.file !== 'string' ||
        typeof s.path !== 'string' ||
        !('value' in s)
      ) {
        throw new Error(`${where}: set entries need file, path and value`);
      }
    }
    return {
      date: c.date,
      author,
      message: c.message.trim(),
      // A version such as 2.0 would otherwise be read as a number.
      versions: versions.map(v => ({ ...v, version: String(v.version) })),
      set,
    };
  });
}

/** Applies one commit's changes to files held in memory (path relative to the repository → text). */
export function applyCommit(
  files: Map<string, string>,
  commit: HistoryCommit,
): void {
  for (const { apps, environments, version } of commit.versions) {
    for (const app of apps) {
      for (const env of environments) {
        const dir = `apps/${app}/${env}`;
        setYamlValue(files, `${dir}/values.yaml`, '$.image.tag', version);
        setYamlValue(files, `${dir}/Chart.yaml`, '$.appVersion', version);
      }
    }
  }
  for (const { file, path, value } of commit.set) {
    setYamlValue(files, file, path, value);
  }
}

/**
 * Changes one existing value, keeping comments, layout and the value's quoting, the way a promotion
 * edits files. A path that does not exist is an error: history.yaml has a typo.
 */
function setYamlValue(
  files: Map<string, string>,
  file: string,
  path: string,
  value: unknown,
) {
  const keys = parsePath(path);
  const text = files.get(file);
  if (text === undefined) {
    throw new Error(`history.yaml changes ${file}, which does not exist`);
  }
  const doc = parseDocument(text);
  const node = doc.getIn(keys, true);
  if (!isScalar(node)) {
    throw new Error(
      `history.yaml sets ${path} in ${file}, which has no such value`,
    );
  }
  node.value = value;
  files.set(file, doc.toString());
}

/** `$.image.tag` → ['image', 'tag']; only plain dotted paths are needed here. */
function parsePath(path: string): string[] {
  if (!/^\$(\.[A-Za-z0-9_-]+)+$/.test(path)) {
    throw new Error(`history.yaml: unsupported path "${path}", use $.a.b`);
  }
  return path.slice(2).split('.');
}
