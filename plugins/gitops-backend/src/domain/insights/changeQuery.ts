import type {
  ChangeLocation,
  ChangeQueryKind,
  ReleaseNotes,
} from '@slipway/plugin-gitops-common';
import type { Deployment } from './deployments';

/** A `GET /changes` query, classified: an issue key, a commit SHA (prefix) or free text. */
export interface ChangeQuery {
  kind: ChangeQueryKind;
  /** Lower case. */
  text: string;
  /** What stored notes and history must contain to match: an `image:tag`'s tag, else the text. */
  needle: string;
}

const ISSUE_KEY = /^[a-z][a-z0-9_]*-\d+$/i;
const SHA = /^[0-9a-f]{7,40}$/i;

/** An issue key (`PAY-123`), a SHA of 7 to 40 hex digits, else an author or an image tag. */
export function classifyChangeQuery(q: string): ChangeQuery {
  const text = q.trim().toLowerCase();
  if (ISSUE_KEY.test(text)) return { kind: 'issue', text, needle: text };
  if (SHA.test(text)) return { kind: 'commit', text, needle: text };
  // Notes keep an image's name and tag apart: `ghcr.io/acme/api:1.2.0` is found by its tag.
  const tag = /:([^/:]+)$/.exec(text)?.[1];
  return { kind: 'text', text, needle: tag ?? text };
}

const same = (value: string | undefined, text: string) =>
  value !== undefined && value.toLowerCase() === text;

/** Whether release notes name the change: the issue, a commit, an author or a new image tag. */
export function notesNameChange(
  notes: ReleaseNotes | undefined,
  query: ChangeQuery,
): boolean {
  if (!notes) return false;
  if (query.kind === 'issue') {
    return notes.issueKeys.some(key => same(key, query.text));
  }
  if (query.kind === 'commit') {
    return notes.commits.some(c => c.sha.toLowerCase().startsWith(query.text));
  }
  return (
    notes.authors.some(author => same(author, query.text)) ||
    notes.commits.some(c => same(c.author, query.text)) ||
    notes.images.some(
      image =>
        same(image.to, query.text) ||
        same(`${image.name}:${image.to}`, query.text),
    )
  );
}

/** Whether a deployment carries the change: by its source commits, its revision or its version. */
export function deploymentCarriesChange(
  deployment: Deployment,
  query: ChangeQuery,
): boolean {
  const commits = deployment.sourceCommits;
  if (query.kind === 'issue') {
    return commits.some(c => c.issueKeys?.some(key => same(key, query.text)));
  }
  if (query.kind === 'commit') {
    return (
      deployment.revision.toLowerCase().startsWith(query.text) ||
      commits.some(c => c.sha.toLowerCase().startsWith(query.text))
    );
  }
  return (
    commits.some(c => same(c.author, query.text)) ||
    same(deployment.version, query.text)
  );
}

/**
 * Where the change runs, per product and environment, from the deployments carrying it (oldest
 * first): deployed while the latest of them did not end degraded, rolled back or superseded,
 * since the first of the unbroken run of healthy ones. Environments without one are not deployed.
 * `products` adds products that have the change without a deployment of it (a release's notes).
 */
export function locateChange(
  carrying: readonly Deployment[],
  options: { products: readonly string[]; environments: readonly string[] },
): ChangeLocation[] {
  const byScope = new Map<string, Deployment[]>();
  for (const d of carrying) {
    const key = JSON.stringify([d.product, d.environment]);
    byScope.set(key, [...(byScope.get(key) ?? []), d]);
  }
  const products = [
    ...new Set([...options.products, ...carrying.map(d => d.product)]),
  ].sort();
  return products.flatMap(product => {
    const seen = carrying
      .filter(d => d.product === product)
      .map(d => d.environment);
    const environments = [...new Set([...options.environments, ...seen])];
    return environments.map((environment): ChangeLocation => {
      const list = byScope.get(JSON.stringify([product, environment])) ?? [];
      const latest = list[list.length - 1];
      if (!latest) return { product, environment, deployed: false };
      let first = list.length - 1;
      while (first > 0 && list[first - 1].outcome === 'healthy') first--;
      const deployed = latest.outcome === 'healthy';
      const by = deployed ? list[first] : latest;
      return {
        product,
        environment,
        deployed,
        ...(deployed && by.healthyAt ? { since: by.healthyAt } : {}),
        releaseId: by.releaseId,
        ...(by.version ? { version: by.version } : {}),
        outcome: latest.outcome,
      };
    });
  });
}
