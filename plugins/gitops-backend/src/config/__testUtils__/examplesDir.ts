import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** `examples/delivery` of this repository, found by walking up from here to the repository root. */
export function examplesDeliveryDir(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'examples', 'delivery');
    if (existsSync(join(dir, '.git')) && existsSync(candidate)) {
      return candidate;
    }
  }
  throw new Error(`no examples/delivery above ${__dirname}`);
}
