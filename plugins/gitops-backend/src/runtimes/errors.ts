import { RuntimeError, RuntimeErrorKind } from '@slipway/plugin-gitops-common';

/** A failed call to a runtime, already classified for the `errors` envelope. */
export class RuntimeRequestError extends Error {
  readonly runtime: string;
  readonly kind: RuntimeErrorKind;
  /** HTTP status Argo CD answered with, when it answered. */
  readonly status?: number;
  /** Argo CD's own error message (gRPC gateway `message`), scrubbed of secrets. */
  readonly upstreamMessage?: string;

  constructor(options: {
    runtime: string;
    kind: RuntimeErrorKind;
    message: string;
    status?: number;
    upstreamMessage?: string;
  }) {
    super(options.message);
    this.name = 'RuntimeRequestError';
    this.runtime = options.runtime;
    this.kind = options.kind;
    this.status = options.status;
    this.upstreamMessage = options.upstreamMessage;
  }

  toRuntimeError(): RuntimeError {
    return { runtime: this.runtime, kind: this.kind, message: this.message };
  }
}

/** Replaces every occurrence of a secret with `***`, so no message can leak one. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join('***');
  }
  return out;
}

function causeCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown } })?.cause;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}

/** Turns anything a fetch to a runtime threw into a classified error. */
export function classifyThrown(
  runtime: string,
  error: unknown,
  what: string,
  timeoutMs: number,
  secrets: readonly string[],
): RuntimeRequestError {
  if (error instanceof RuntimeRequestError) return error;
  const name = (error as { name?: string })?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new RuntimeRequestError({
      runtime,
      kind: 'timeout',
      message: `${what} did not answer within ${timeoutMs} ms`,
    });
  }
  const code = causeCode(error);
  const detail = code ?? (error instanceof Error ? error.message : 'failed');
  return new RuntimeRequestError({
    runtime,
    kind: 'unreachable',
    message: scrub(`${what} could not be reached: ${detail}`, secrets),
  });
}
