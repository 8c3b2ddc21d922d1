import { createHash } from 'node:crypto';
import type { KubeObject } from './types';

// Kubernetes' rand.SafeEncodeString alphabet: no vowels, no ambiguous characters.
const alphabet = 'bcdfghjklmnpqrstvwxz2456789';

/** A deterministic Kubernetes-looking suffix (e.g. the pod-template-hash `7c9f8d6b5d`). */
export function safeSuffix(seed: string, length: number): string {
  const digest = createHash('sha256').update(seed).digest();
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[digest[i] % alphabet.length];
  return out;
}

export function podTemplateHash(deployment: KubeObject): string {
  return safeSuffix(
    JSON.stringify((deployment.spec as { template?: unknown })?.template ?? {}),
    10,
  );
}

/** A deterministic UUID-shaped id, so the same object keeps its uid across reads. */
export function stableUid(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(
    13,
    16,
  )}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
