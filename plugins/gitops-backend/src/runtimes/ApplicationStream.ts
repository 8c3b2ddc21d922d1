import { LoggerService } from '@backstage/backend-plugin-api';
import { argoStreamFrameSchema } from './argoSchemas';
import { ArgoCdClient } from './ArgoCdClient';
import { RuntimeApplications } from './RuntimeApplications';

const MIN_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 60_000;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise(resolve => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

async function* lines(
  body: ReadableStream<Uint8Array>,
): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let newline = buffer.indexOf('\n');
    while (newline >= 0) {
      const line = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      if (line) yield line;
      newline = buffer.indexOf('\n');
    }
  }
  // A last frame without its newline is still a frame (and, cut short, a malformed one).
  const rest = buffer.trim();
  if (rest) yield rest;
}

/**
 * Keeps a runtime's snapshot fresh between full refreshes from Argo CD's application watch stream.
 * Reconnects with exponential backoff; while disconnected the scheduled refresh (polling) carries on.
 */
export class ApplicationStream {
  private controller?: AbortController;
  private connected = false;
  /** Counted since start, for the runtime's health. */
  private failures = 0;
  private malformedFrames = 0;
  private lastError?: string;

  constructor(
    private readonly client: ArgoCdClient,
    private readonly applications: RuntimeApplications,
    private readonly logger: LoggerService,
  ) {}

  get mode(): 'stream' | 'polling' {
    return this.connected ? 'stream' : 'polling';
  }

  /** How the stream has fared since start, as the runtime's health reports it. */
  get health(): {
    streamFailures: number;
    malformedFrames: number;
    lastStreamError?: string;
  } {
    return {
      streamFailures: this.failures,
      malformedFrames: this.malformedFrames,
      ...(this.lastError ? { lastStreamError: this.lastError } : {}),
    };
  }

  private get runtime(): string {
    return this.client.runtime.name;
  }

  start(): void {
    if (this.controller) return;
    this.controller = new AbortController();
    void this.run(this.controller.signal);
  }

  stop(): void {
    this.controller?.abort();
    this.controller = undefined;
    this.connected = false;
  }

  private async run(signal: AbortSignal) {
    let failures = 0;
    while (!signal.aborted) {
      try {
        // Connected before the first list where possible, so that list needs no catching up. Any
        // version makes Argo CD send changes only, not every application as ADDED first.
        const body = await this.client.openApplicationStream(
          this.applications.current()?.resourceVersion || '0',
          signal,
        );
        this.connected = true;
        failures = 0;
        this.applications.streamConnected();
        for await (const line of lines(body)) this.apply(line);
      } catch (error) {
        if (signal.aborted) break;
        this.failures += 1;
        this.lastError = error instanceof Error ? error.message : String(error);
        this.logger.warn(
          `Application stream of runtime '${this.runtime}' failed; polling until it reconnects: ${this.lastError}`,
        );
      }
      this.connected = false;
      failures += 1;
      const backoff = Math.min(
        MAX_BACKOFF_MS,
        MIN_BACKOFF_MS * 2 ** (failures - 1),
      );
      await sleep(backoff * (0.5 + Math.random() / 2), signal);
    }
  }

  private apply(line: string) {
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      this.malformed('not JSON', line);
      return;
    }
    const frame = argoStreamFrameSchema.safeParse(json);
    if (!frame.success) {
      this.malformed('not an application event', line);
      return;
    }
    if (frame.data.error) {
      throw new Error(frame.data.error.message ?? 'stream error');
    }
    const event = frame.data.result;
    if (!event) return;
    if (event.type === 'DELETED') {
      const app = event.application as
        | { metadata?: { name?: string; namespace?: string } }
        | undefined;
      const name = app?.metadata?.name;
      if (name) {
        this.applications.remove(
          app?.metadata?.namespace ?? this.applications.defaultNamespace,
          name,
        );
      }
      return;
    }
    this.applications.upsertRaw(event.application);
  }

  /** A frame that is skipped: the snapshot may now lag until the next full refresh. */
  private malformed(why: string, line: string) {
    this.malformedFrames += 1;
    this.logger.warn(
      `Application stream of runtime '${
        this.runtime
      }' sent a frame that is ${why}; skipped it (${line.slice(0, 120)})`,
    );
  }
}
