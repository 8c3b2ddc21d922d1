import { Document } from 'yaml';

export interface ProductDefinitionInput {
  name: string;
  title?: string;
  description?: string;
  owner: string;
  entities?: string[];
  versionSource: { file: string; path: string };
  promotionFiles: { file: string; paths: string[] }[];
  flow?: string;
  concurrency: 'queue' | 'supersede';
}

/** Renders a `slipway.dev/v1alpha1` Product as the delivery repository stores it. */
export function renderProductDocument(input: ProductDefinitionInput): string {
  const doc = new Document({
    apiVersion: 'slipway.dev/v1alpha1',
    kind: 'Product',
    metadata: { name: input.name },
    spec: {
      title: input.title ?? input.name,
      ...(input.description ? { description: input.description } : {}),
      owner: input.owner,
      ...(input.entities?.length ? { entities: input.entities } : {}),
      versionSource: input.versionSource,
      promotion: { files: input.promotionFiles },
      ...(input.flow ? { flows: [{ name: input.flow }] } : {}),
      concurrency: input.concurrency,
    },
  });
  doc.commentBefore =
    ' Written by the Slipway scaffolder action gitops:product:define.';
  return doc.toString();
}
