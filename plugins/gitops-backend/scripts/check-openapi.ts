/*
 * Fails when src/schema/openapi/generated/ is not what scripts/generate-openapi.ts makes of
 * src/schema/openapi.yaml today (someone edited the spec without regenerating, or edited the output).
 * Run: npm run openapi:check (from this package); fix with npm run generate:openapi.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const committed = path.join(root, 'src/schema/openapi');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-openapi-'));

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter(entry => entry.isFile())
    .map(entry =>
      path.relative(dir, path.join(entry.parentPath, entry.name)),
    )
    .sort();
}

try {
  const fresh = path.join(scratch, 'openapi');
  execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(root, 'scripts/generate-openapi.ts'),
      path.join(fresh, 'generated'),
    ],
    { cwd: root, stdio: 'inherit' },
  );
  // Formatted like the committed copy, with the repository's prettier config (package.json "prettier").
  execFileSync(
    process.execPath,
    [
      require.resolve('prettier/bin-prettier.js'),
      '--config',
      require.resolve('@backstage/cli/config/prettier.json'),
      '--write',
      fresh,
    ],
    { cwd: root, stdio: 'ignore' },
  );

  const expected = filesUnder(fresh);
  const actual = filesUnder(committed);
  const stale = [...new Set([...expected, ...actual])].filter(file => {
    const a = path.join(fresh, file);
    const b = path.join(committed, file);
    return (
      !fs.existsSync(a) ||
      !fs.existsSync(b) ||
      fs.readFileSync(a, 'utf8') !== fs.readFileSync(b, 'utf8')
    );
  });
  if (stale.length > 0) {
    console.error(
      `The generated OpenAPI code is out of date with src/schema/openapi.yaml: ${stale
        .map(file => `src/schema/openapi/${file}`)
        .join(', ')}.\nRun: npm run -w @slipway/plugin-gitops-backend generate:openapi`,
    );
    process.exit(1);
  }
  console.log('The generated OpenAPI code matches src/schema/openapi.yaml.');
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
