import {
  DocumentSchema,
  environmentSchema,
  flowSchema,
  productSchema,
} from '@slipway/plugin-gitops-common';

/** The folders of the delivery repository, the kind each holds, and its schema. */
export const DELIVERY_FOLDERS = [
  { dir: 'environments', kind: 'Environment', schema: environmentSchema },
  { dir: 'products', kind: 'Product', schema: productSchema },
  { dir: 'flows', kind: 'PromotionFlow', schema: flowSchema },
] as const;

export type DeliveryFolder = (typeof DELIVERY_FOLDERS)[number]['dir'];

/** A file read from the delivery repository. */
export interface DeliveryFile {
  /** Path relative to the repository root, e.g. `products/payments.yaml`. */
  path: string;
  text: string;
}

const YAML_FILE = /\.ya?ml$/;

/** Whether a listed path is a document Slipway reads: a YAML file directly in its folder. */
export function isDeliveryDocument(dir: DeliveryFolder, path: string): boolean {
  return path.startsWith(`${dir}/`) && YAML_FILE.test(path);
}

/** `products/payments.yaml` → `payments`. */
export function documentNameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).replace(YAML_FILE, '');
}

export type AnySchema = DocumentSchema<unknown>;
