import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import type { ApplicationSeed } from './argocd/types';
import { startSimulator } from './startSimulator';
import type { RunningSimulator, SeedFile, SimulatorOptions } from './types';

/** @public Raised for a seed file that does not have the expected shape; lists every problem found. */
export class SeedError extends Error {
  constructor(readonly file: string, readonly problems: string[]) {
    super(`invalid seed ${file}:\n  ${problems.join('\n  ')}`);
    this.name = 'SeedError';
  }
}

const dnsSubdomain =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function checkStringMap(
  value: unknown,
  path: string,
  problems: string[],
): void {
  if (value === undefined) return;
  if (
    !isObject(value) ||
    Object.values(value).some(v => typeof v !== 'string')
  ) {
    problems.push(`${path}: must be a map of strings`);
  }
}

function checkPort(value: unknown, path: string, problems: string[]): void {
  if (
    value !== undefined &&
    (!Number.isInteger(value) ||
      (value as number) < 0 ||
      (value as number) > 65535)
  ) {
    problems.push(`${path}: must be a port number (0-65535)`);
  }
}

function checkApplication(
  app: unknown,
  path: string,
  problems: string[],
): void {
  if (!isObject(app)) {
    problems.push(`${path}: must be an Application object`);
    return;
  }
  const metadata = app.metadata;
  if (
    !isObject(metadata) ||
    typeof metadata.name !== 'string' ||
    !dnsSubdomain.test(metadata.name)
  ) {
    problems.push(
      `${path}.metadata.name: required, a lowercase RFC 1123 subdomain`,
    );
  } else {
    if (
      metadata.namespace !== undefined &&
      typeof metadata.namespace !== 'string'
    ) {
      problems.push(`${path}.metadata.namespace: must be a string`);
    }
    checkStringMap(metadata.labels, `${path}.metadata.labels`, problems);
    checkStringMap(
      metadata.annotations,
      `${path}.metadata.annotations`,
      problems,
    );
  }
  const spec = app.spec;
  if (!isObject(spec)) {
    problems.push(`${path}.spec: required`);
    return;
  }
  if (spec.project !== undefined && typeof spec.project !== 'string') {
    problems.push(`${path}.spec.project: must be a string`);
  }
  const source = spec.source;
  if (
    !isObject(source) ||
    typeof source.repoURL !== 'string' ||
    source.repoURL === ''
  ) {
    problems.push(
      `${path}.spec.source.repoURL: required (the simulator supports single-source apps)`,
    );
  } else {
    if (source.path !== undefined && typeof source.path !== 'string') {
      problems.push(`${path}.spec.source.path: must be a string`);
    }
    if (
      source.targetRevision !== undefined &&
      typeof source.targetRevision !== 'string'
    ) {
      problems.push(`${path}.spec.source.targetRevision: must be a string`);
    }
  }
  const destination = spec.destination;
  if (
    !isObject(destination) ||
    (typeof destination.server !== 'string' &&
      typeof destination.name !== 'string')
  ) {
    problems.push(`${path}.spec.destination: requires server or name`);
  }
}

function expandVariables(text: string, file: string): string {
  return text.replace(/\$\{([A-Z0-9_]+)\}/g, (_match, name: string) => {
    const value = process.env[name];
    if (value === undefined) {
      throw new SeedError(file, [
        `\${${name}} is used but the environment variable ${name} is not set`,
      ]);
    }
    return value;
  });
}

/** Checks a parsed seed object and returns it typed; throws SeedError listing every problem. */
export function validateSeed(input: unknown, file = '<seed>'): SeedFile {
  const problems: string[] = [];
  const runtimes = isObject(input) ? input.runtimes : undefined;
  if (!Array.isArray(runtimes) || runtimes.length === 0) {
    throw new SeedError(file, ['runtimes: required, a non-empty list']);
  }
  const names = new Set<string>();
  runtimes.forEach((runtime: unknown, i) => {
    const path = `runtimes[${i}]`;
    if (!isObject(runtime)) {
      problems.push(`${path}: must be an object`);
      return;
    }
    if (typeof runtime.name !== 'string' || runtime.name === '') {
      problems.push(`${path}.name: required`);
    } else if (names.has(runtime.name)) {
      problems.push(`${path}.name: duplicate runtime name ${runtime.name}`);
    } else {
      names.add(runtime.name);
    }
    checkPort(runtime.port, `${path}.port`, problems);
    checkPort(runtime.kubernetesPort, `${path}.kubernetesPort`, problems);
    if (
      runtime.tokens !== undefined &&
      (!Array.isArray(runtime.tokens) ||
        runtime.tokens.some(t => typeof t !== 'string'))
    ) {
      problems.push(`${path}.tokens: must be a list of strings`);
    }
    if (
      runtime.users !== undefined &&
      (!Array.isArray(runtime.users) ||
        runtime.users.some(
          u =>
            !isObject(u) ||
            typeof u.username !== 'string' ||
            typeof u.password !== 'string',
        ))
    ) {
      problems.push(`${path}.users: must be a list of {username, password}`);
    }
    if (
      runtime.kubernetesToken !== undefined &&
      typeof runtime.kubernetesToken !== 'string'
    ) {
      problems.push(`${path}.kubernetesToken: must be a string`);
    }
    if (
      runtime.clusters !== undefined &&
      (!Array.isArray(runtime.clusters) ||
        runtime.clusters.some(
          c =>
            !isObject(c) ||
            typeof c.name !== 'string' ||
            typeof c.server !== 'string',
        ))
    ) {
      problems.push(`${path}.clusters: must be a list of {name, server}`);
    }
    if (
      runtime.syntheticApplications !== undefined &&
      (!Number.isInteger(runtime.syntheticApplications) ||
        (runtime.syntheticApplications as number) < 0)
    ) {
      problems.push(
        `${path}.syntheticApplications: must be a non-negative integer`,
      );
    }
    if (runtime.timings !== undefined) {
      if (!isObject(runtime.timings))
        problems.push(`${path}.timings: must be an object`);
      else {
        for (const [key, value] of Object.entries(runtime.timings)) {
          if (
            !['pollIntervalMs', 'syncDelayMs', 'progressingMs'].includes(key)
          ) {
            problems.push(`${path}.timings.${key}: unknown timing`);
          } else if (!Number.isInteger(value) || (value as number) < 0) {
            problems.push(
              `${path}.timings.${key}: must be a non-negative integer`,
            );
          }
        }
      }
    }
    if (runtime.applications !== undefined) {
      if (!Array.isArray(runtime.applications))
        problems.push(`${path}.applications: must be a list`);
      else {
        runtime.applications.forEach((app: unknown, j) =>
          checkApplication(app, `${path}.applications[${j}]`, problems),
        );
        const keys = (runtime.applications as ApplicationSeed[]).map(
          a => `${a?.metadata?.namespace ?? 'argocd'}/${a?.metadata?.name}`,
        );
        keys.forEach((key, j) => {
          if (keys.indexOf(key) !== j)
            problems.push(
              `${path}.applications[${j}]: duplicate application ${key}`,
            );
        });
      }
    }
  });
  if (problems.length > 0) throw new SeedError(file, problems);
  return { runtimes: runtimes as SimulatorOptions[] };
}

/** Reads a YAML seed file (`${VAR}` references expand from the environment) and validates it. */
export async function loadSeed(file: string): Promise<SeedFile> {
  const text = expandVariables(await readFile(file, 'utf8'), file);
  let parsed: unknown;
  try {
    parsed = parse(text);
  } catch (error) {
    throw new SeedError(file, [(error as Error).message]);
  }
  return validateSeed(parsed, file);
}

/** Starts every runtime of a seed; if one fails to start, the others are closed again. */
export async function startFromSeed(
  seed: SeedFile,
): Promise<RunningSimulator[]> {
  const started: RunningSimulator[] = [];
  try {
    for (const runtime of seed.runtimes)
      started.push(await startSimulator(runtime));
    return started;
  } catch (error) {
    await Promise.all(started.map(s => s.close()));
    throw error;
  }
}
