/** Repository and tag of a container image reference such as `ghcr.io/acme/api:1.4.2@sha256:...`. */
export interface ImageReference {
  repository: string;
  tag?: string;
  digest?: string;
}

export function parseImageReference(image: string): ImageReference {
  const [withoutDigest, digest] = image.split('@', 2);
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  if (colon < 0) {
    return { repository: withoutDigest, digest };
  }
  return {
    repository: withoutDigest.slice(0, colon),
    tag: withoutDigest.slice(colon + 1) || undefined,
    digest,
  };
}

/** Last path element of a repository: `ghcr.io/acme/payments-api` → `payments-api`. */
export function imageName(repository: string): string {
  return repository.slice(repository.lastIndexOf('/') + 1);
}
