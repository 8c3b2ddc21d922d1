import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export interface GitIdentity {
  name: string;
  email: string;
}

/** Who commits when the sandbox builds its repositories. */
export const SANDBOX_IDENTITY: GitIdentity = {
  name: 'Slipway sandbox',
  email: 'sandbox@slipway.invalid',
};

export interface GitOptions {
  cwd?: string;
  author?: GitIdentity;
  /** Fixed author and committer date (ISO 8601), so the same content gives the same commit SHAs. */
  date?: string;
  /** Written to the command's standard input (e.g. a `git fast-import` stream). */
  input?: string;
}

/**
 * Runs the git CLI isolated from the user's and the system's git configuration (signing, hooks,
 * default branch, templates), so the sandbox comes out the same on every machine.
 */
export async function git(
  args: string[],
  options: GitOptions = {},
): Promise<string> {
  const author = options.author ?? SANDBOX_IDENTITY;
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Set when this runs inside a git hook; they would redirect every command to another repository.
  for (const name of [
    'GIT_DIR',
    'GIT_WORK_TREE',
    'GIT_INDEX_FILE',
    'GIT_OBJECT_DIRECTORY',
  ]) {
    delete env[name];
  }
  Object.assign(env, {
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    GIT_AUTHOR_NAME: author.name,
    GIT_AUTHOR_EMAIL: author.email,
    GIT_COMMITTER_NAME: SANDBOX_IDENTITY.name,
    GIT_COMMITTER_EMAIL: SANDBOX_IDENTITY.email,
    ...(options.date
      ? { GIT_AUTHOR_DATE: options.date, GIT_COMMITTER_DATE: options.date }
      : {}),
  });
  const config = [
    '-c',
    'init.defaultBranch=main',
    '-c',
    `user.name=${SANDBOX_IDENTITY.name}`,
    '-c',
    `user.email=${SANDBOX_IDENTITY.email}`,
    '-c',
    'commit.gpgsign=false',
    '-c',
    'core.autocrlf=false',
  ];
  try {
    const running = execFileAsync('git', [...config, ...args], {
      cwd: options.cwd,
      env,
      maxBuffer: 64 * 1024 * 1024,
    });
    if (options.input !== undefined) running.child.stdin?.end(options.input);
    const { stdout } = await running;
    return stdout.trim();
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new Error(
      `git ${args.join(' ')} failed: ${(e.stderr || e.message).trim()}`,
    );
  }
}
