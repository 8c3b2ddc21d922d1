import { GitProvider, GitProviderRegistry } from '@slipway/plugin-gitops-node';
import pLimit from 'p-limit';

/** A file at a commit: its text, absent when the file does not exist, or why it could not be read. */
export type FileReading = { text?: string } | { problem: string };

export interface GitReadsOptions {
  providers: GitProviderRegistry;
  /** Git reads in flight at once, over every repository. Default 8. */
  concurrency?: number;
  /** How long a branch head is trusted before it is resolved again. Default 5 s. */
  headTtlMs?: number;
  /** How long a failed read is remembered before it is tried again. Default 30 s. */
  failureTtlMs?: number;
  /** Most file readings kept (oldest dropped first). Default 50,000. */
  maxFiles?: number;
}

interface Entry<T> {
  value: Promise<T>;
  /** Absent: kept until evicted (a file at a commit never changes). */
  expiresAt?: number;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Reads application source files at synced revisions and resolves target branches, for version
 * detection and drift. Files at a commit are immutable, so they are cached by `url@sha:path` and a warm
 * board does no Git I/O; branch heads and failures are cached for a short while only.
 */
export class GitReads {
  private readonly files = new Map<string, Entry<FileReading>>();
  private readonly heads = new Map<string, Entry<string | undefined>>();
  /** Provider per repository URL, or why there is none (a thrown error per app is costly at 10,000s). */
  private readonly providerOf = new Map<string, GitProvider | Error>();
  private readonly limit: ReturnType<typeof pLimit>;
  private readonly headTtlMs: number;
  private readonly failureTtlMs: number;
  private readonly maxFiles: number;

  constructor(private readonly options: GitReadsOptions) {
    this.limit = pLimit(options.concurrency ?? 8);
    this.headTtlMs = options.headTtlMs ?? 5_000;
    this.failureTtlMs = options.failureTtlMs ?? 30_000;
    this.maxFiles = options.maxFiles ?? 50_000;
  }

  /** Whether some provider reads this repository (synthetic or unsupported hosts have none). */
  supports(url: string): boolean {
    return !(this.provider(url) instanceof Error);
  }

  private provider(url: string): GitProvider | Error {
    let provider = this.providerOf.get(url);
    if (!provider) {
      try {
        provider = this.options.providers.forUrl(url);
      } catch (error) {
        provider = error instanceof Error ? error : new Error(String(error));
      }
      this.providerOf.set(url, provider);
    }
    return provider;
  }

  /** The cached reading, without waiting, when one is settled or in flight. */
  readFile(url: string, sha: string, path: string): Promise<FileReading> {
    const key = `${url}@${sha}:${path}`;
    const cached = this.files.get(key);
    if (cached && (cached.expiresAt ?? Infinity) > Date.now()) {
      return cached.value;
    }
    const entry: Entry<FileReading> = {
      value: this.limit(async (): Promise<FileReading> => {
        const provider = this.provider(url);
        if (provider instanceof Error) {
          // No provider serves this host: that will not change, so the answer is kept.
          return { problem: `${path} could not be read: ${provider.message}` };
        }
        try {
          const text = await provider.readFile(url, sha, path);
          return text === undefined ? {} : { text };
        } catch (error) {
          entry.expiresAt = Date.now() + this.failureTtlMs;
          return { problem: `${path} could not be read: ${message(error)}` };
        }
      }),
    };
    this.files.delete(key);
    this.files.set(key, entry);
    if (this.files.size > this.maxFiles) {
      this.files.delete(this.files.keys().next().value!);
    }
    return entry.value;
  }

  /**
   * The commit a target revision points at now: a full SHA as is, a branch through the provider;
   * `undefined` when it cannot be resolved (a tag, a Helm chart version, a provider failure).
   */
  resolveRevision(url: string, revision: string): Promise<string | undefined> {
    if (/^[0-9a-f]{40}$/i.test(revision)) {
      return Promise.resolve(revision.toLowerCase());
    }
    const key = `${url}#${revision}`;
    const cached = this.heads.get(key);
    if (cached && (cached.expiresAt ?? Infinity) > Date.now()) {
      return cached.value;
    }
    const entry: Entry<string | undefined> = {
      expiresAt: Date.now() + this.headTtlMs,
      value: this.limit(async () => {
        const provider = this.provider(url);
        if (provider instanceof Error) {
          entry.expiresAt = undefined;
          return undefined;
        }
        try {
          return await provider.resolveBranch({ url, branch: revision });
        } catch {
          entry.expiresAt = Date.now() + this.failureTtlMs;
          return undefined;
        }
      }),
    };
    this.heads.set(key, entry);
    return entry.value;
  }
}
