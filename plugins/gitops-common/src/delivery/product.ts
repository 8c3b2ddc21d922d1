/** Operator of a label selector requirement, as Kubernetes spells it in `matchExpressions`. */
export type LabelSelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface LabelSelectorRequirement {
  key: string;
  operator: LabelSelectorOperator;
  /** Values for `In` and `NotIn`; empty for `Exists` and `DoesNotExist`. */
  values: string[];
}

/** A Kubernetes label selector; every label and every expression must match. */
export interface LabelSelector {
  matchLabels: Record<string, string>;
  matchExpressions: LabelSelectorRequirement[];
}

/** A YAML file in an application's source folder and a path into it. */
export interface VersionSource {
  /** File name relative to the application's source path, e.g. `Chart.yaml`. */
  file: string;
  /** JSONPath-like path, e.g. `$.appVersion` or `$.images[?(@.name=='api')].newTag`. */
  path: string;
}

/** What a promotion copies from the source environment to the target. */
export interface PromotionFile {
  file: string;
  paths: string[];
}

export type ProductConcurrency = 'queue' | 'supersede';

/** Applications released together (`products/<name>.yaml`). */
export interface Product {
  name: string;
  /** Defaults to the name. */
  title: string;
  description?: string;
  /** Catalog entity ref of the owner, e.g. `group:default/payments-team`. */
  owner: string;
  /** Catalog entity refs whose pages show the product. */
  entities: string[];
  /**
   * How applications are found. Applications annotated `slipway.dev/product: <name>` always belong to
   * the product; with a selector, so do applications whose labels match it.
   */
  applications: { selector?: LabelSelector };
  /** Where the version is read; without it the version comes from the running images. */
  versionSource?: VersionSource;
  promotion: { files: PromotionFile[] };
  /** Names of the promotion flows the product follows. */
  flows: string[];
  concurrency: ProductConcurrency;
}
