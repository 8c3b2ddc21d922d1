import { spawn } from 'node:child_process';

export interface GitRunOptions {
  /** Written to the command's stdin. */
  input?: string | Buffer;
  env?: Record<string, string>;
  /** Exit codes that are answers rather than failures (e.g. 1 for "not found"). */
  okCodes?: number[];
}

export interface GitRunResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

export class GitCommandError extends Error {
  constructor(
    readonly args: string[],
    readonly code: number | null,
    readonly stderr: string,
  ) {
    super(`git ${args[0]} failed (${code ?? 'killed'}): ${stderr.trim()}`);
    this.name = 'GitCommandError';
  }
}

const TIMEOUT_MS = 30_000;

/** The process environment without inherited GIT_* variables (a hook's GIT_DIR must not redirect us). */
function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith('GIT_')) {
      env[key] = value;
    }
  }
  env.GIT_TERMINAL_PROMPT = '0';
  env.LC_ALL = 'C';
  return env;
}

/** Runs the git CLI without a shell; git never prompts. */
export function runGit(
  args: string[],
  options: GitRunOptions = {},
): Promise<GitRunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {
      env: { ...baseEnv(), ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: TIMEOUT_MS,
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', chunk => stdout.push(chunk));
    child.stderr.on('data', chunk => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', code => {
      const result = {
        code: code ?? -1,
        stdout: Buffer.concat(stdout),
        stderr: Buffer.concat(stderr).toString('utf8'),
      };
      if (code === 0 || (code !== null && options.okCodes?.includes(code))) {
        resolve(result);
      } else {
        reject(new GitCommandError(args, code, result.stderr));
      }
    });
    // A command that exits before reading its input (e.g. a bad object) must not crash us with EPIPE.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}

/** Runs git and returns its trimmed stdout as text. */
export async function git(
  args: string[],
  options?: GitRunOptions,
): Promise<string> {
  return (await runGit(args, options)).stdout.toString('utf8').trim();
}
