/** Titles of products and environments by name (the names themselves when unknown). */
export interface ReleaseNameTitles {
  product(name: string): string;
  environment(name: string): string;
}

/**
 * A release as people say it: "Payments 1.4.3 → Production" (every target in flow order, so a flow
 * reads "Payments 1.4.3 → Staging → Production").
 */
export function releaseName(
  release: {
    product: string;
    version?: string;
    environments?: Array<{ environment: string }>;
  },
  titles?: ReleaseNameTitles,
): string {
  const product = titles?.product(release.product) ?? release.product;
  const targets = (release.environments ?? []).map(
    e => titles?.environment(e.environment) ?? e.environment,
  );
  return [
    [product, release.version].filter(Boolean).join(' '),
    ...targets,
  ].join(' → ');
}
