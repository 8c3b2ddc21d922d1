import { createHash } from 'node:crypto';

/** The SHA git gives a blob with this content; equal SHAs mean the file already holds it. */
export function gitBlobSha(content: string): string {
  const bytes = Buffer.from(content, 'utf8');
  return createHash('sha1')
    .update(`blob ${bytes.length}\0`)
    .update(bytes)
    .digest('hex');
}
