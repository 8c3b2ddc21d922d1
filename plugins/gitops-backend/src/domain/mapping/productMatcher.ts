import {
  LabelSelector,
  matchesLabelSelector,
  Product,
} from '@slipway/plugin-gitops-common';
import { PRODUCT_ANNOTATION } from '../applications';
import { MappableApplication } from './mappableApplication';

export type ProductMatch =
  | { kind: 'product'; product: string }
  | { kind: 'none' }
  | { kind: 'unknown'; product: string }
  | { kind: 'ambiguous'; products: string[] };

interface SelectingProduct {
  name: string;
  selector: LabelSelector;
}

/** One `key=value` a selector requires, if it has one: apps without that label cannot match it. */
function requiredLabel(selector: LabelSelector): string | undefined {
  const [first] = Object.entries(selector.matchLabels);
  if (first) return `${first[0]}=${first[1]}`;
  const single = selector.matchExpressions.find(
    e => e.operator === 'In' && e.values.length === 1,
  );
  return single && `${single.key}=${single.values[0]}`;
}

/**
 * Builds a function telling which product claims an application. The `slipway.dev/product`
 * annotation decides when present (naming a product that does not exist is reported); otherwise
 * the products whose label selector matches, which must be exactly one.
 */
export function compileProductMatcher(
  products: readonly Product[],
): (app: MappableApplication) => ProductMatch {
  const names = new Set(products.map(product => product.name));
  // Selectors indexed by a label they require, so an app is checked against few of them (500 products).
  const byLabel = new Map<string, SelectingProduct[]>();
  const unindexed: SelectingProduct[] = [];
  for (const product of products) {
    const selector = product.applications.selector;
    if (!selector) continue;
    const entry = { name: product.name, selector };
    const label = requiredLabel(selector);
    if (label === undefined) {
      unindexed.push(entry);
    } else {
      byLabel.set(label, [...(byLabel.get(label) ?? []), entry]);
    }
  }
  return app => {
    const annotated = app.annotations[PRODUCT_ANNOTATION]?.trim();
    if (annotated) {
      return names.has(annotated)
        ? { kind: 'product', product: annotated }
        : { kind: 'unknown', product: annotated };
    }
    const candidates = [...unindexed];
    for (const [key, value] of Object.entries(app.labels)) {
      candidates.push(...(byLabel.get(`${key}=${value}`) ?? []));
    }
    const matching = candidates
      .filter(candidate => matchesLabelSelector(candidate.selector, app.labels))
      .map(candidate => candidate.name)
      .sort();
    if (matching.length === 0) return { kind: 'none' };
    if (matching.length === 1) return { kind: 'product', product: matching[0] };
    return { kind: 'ambiguous', products: matching };
  };
}
