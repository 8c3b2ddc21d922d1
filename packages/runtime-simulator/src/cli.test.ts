import { spawn } from 'node:child_process';
import { join } from 'node:path';

describe('cli', () => {
  it('starts a synthetic runtime, prints its URLs and stops cleanly on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(__dirname, 'cli.ts'),
        '--synthetic',
        '25',
        '--token',
        'cli-token',
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', chunk => (output += chunk));
    child.stderr.on('data', chunk => (output += chunk));
    const exited = new Promise<number | null>(resolve =>
      child.on('exit', code => resolve(code)),
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no URL printed: ${output}`)),
          15_000,
        );
        child.stdout.on('data', () => {
          const match = /Argo CD API (http:\/\/\S+)/.exec(output);
          if (match) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
      });
      expect(output).toMatch(
        /runtime synthetic: Argo CD API http:\/\/127\.0\.0\.1:\d+ {2}Kubernetes API http:\/\/127\.0\.0\.1:\d+/,
      );
      const list = await fetch(
        `${url}/api/v1/applications?fields=items.metadata.name`,
        {
          headers: { Authorization: 'Bearer cli-token' },
        },
      );
      expect((await list.json()).items).toHaveLength(25);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(output).toContain('SIGTERM: stopping 1 runtime(s)');
  }, 30_000);

  it('prints usage and fails without --seed or --synthetic', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(__dirname, 'cli.ts')],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', chunk => (output += chunk));
    const code = await new Promise<number | null>(resolve =>
      child.on('exit', resolve),
    );
    expect(code).toBe(2);
    expect(output).toContain('Usage:');
  }, 30_000);
});
