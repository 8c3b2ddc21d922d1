import type { KubeObject } from './types';

/** Container images of workload objects (pod templates), in order of appearance. */
export function imagesOf(manifests: KubeObject[]): string[] {
  const images: string[] = [];
  for (const object of manifests) {
    const template = (
      object.spec as
        | { template?: { spec?: { containers?: { image?: string }[] } } }
        | undefined
    )?.template;
    for (const container of template?.spec?.containers ?? []) {
      if (container.image && !images.includes(container.image))
        images.push(container.image);
    }
  }
  return images;
}
