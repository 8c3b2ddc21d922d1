import type { Request } from 'express';
import {
  appNotFound,
  invalidArgument,
  permissionDenied,
} from '../argocd/errors';
import type { AppRecord } from '../model/AppRecord';
import type { ApplicationStore } from '../model/ApplicationStore';
import { controlPlaneNamespace } from '../model/newApplication';
import { parseLabelSelector, SelectorParseError } from '../selector';

/** A query value that may be repeated (`?projects=a&projects=b`), as grpc-gateway reads repeated fields. */
export function queryList(value: unknown): string[] {
  if (value === undefined) return [];
  const values = Array.isArray(value) ? value : [value];
  return values.filter((v): v is string => typeof v === 'string' && v !== '');
}

export function queryString(value: unknown): string | undefined {
  return queryList(value)[0];
}

function normalizeRepoURL(url: string): string {
  return url
    .trim()
    .toLowerCase()
    .replace(/\/+$/, '')
    .replace(/\.git$/, '');
}

/**
 * The filters of list and watch, in Argo CD's order: selector, appNamespace, name, projects, repo.
 * A selector that does not parse is a 400.
 */
export function applicationFilter(
  query: Request['query'],
): (record: AppRecord) => boolean {
  let selector: ReturnType<typeof parseLabelSelector> | undefined;
  const rawSelector = queryString(query.selector);
  if (rawSelector) {
    try {
      selector = parseLabelSelector(rawSelector);
    } catch (error) {
      if (error instanceof SelectorParseError) {
        throw invalidArgument(`error parsing the selector: ${error.message}`);
      }
      throw error;
    }
  }
  const appNamespace = queryString(query.appNamespace);
  const name = queryString(query.name);
  const projects = [...queryList(query.projects), ...queryList(query.project)];
  const repo = queryString(query.repo);
  const normalizedRepo = repo ? normalizeRepoURL(repo) : undefined;
  return record => {
    const { metadata, spec } = record.app;
    if (selector && !selector.matches(metadata.labels)) return false;
    if (appNamespace && metadata.namespace !== appNamespace) return false;
    if (name && metadata.name !== name) return false;
    if (projects.length > 0 && !projects.includes(spec.project)) return false;
    if (normalizedRepo) {
      const repos = [spec.source, ...(spec.sources ?? [])]
        .filter(Boolean)
        .map(s => normalizeRepoURL(s!.repoURL));
      if (!repos.includes(normalizedRepo)) return false;
    }
    return true;
  };
}

/**
 * Finds the app a by-name request addresses. Without `project` a missing app is indistinguishable from
 * a forbidden one (403 permission denied); with it, a missing app or one in another project is a 404.
 */
export function findApplication(
  store: ApplicationStore,
  name: string,
  params: { appNamespace?: unknown; project?: unknown },
): AppRecord {
  const projects = queryList(params.project);
  if (projects.length > 1) {
    throw invalidArgument(
      'multiple projects specified - the get endpoint accepts either zero or one project',
    );
  }
  const namespace = queryString(params.appNamespace) ?? controlPlaneNamespace;
  const record = store.get(namespace, name);
  const project = projects[0];
  if (
    !record ||
    (project !== undefined && record.app.spec.project !== project)
  ) {
    throw project !== undefined ? appNotFound(name) : permissionDenied();
  }
  return record;
}
