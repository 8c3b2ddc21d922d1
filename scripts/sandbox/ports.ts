import { createServer } from 'node:net';

export interface PortUse {
  port: number;
  /** What needs the port, for the error message. */
  what: string;
}

/** Thrown when a port the sandbox needs is taken. */
export class PortInUseError extends Error {
  constructor(readonly port: number, what: string) {
    super(
      `Port ${port} (${what}) is already in use. Stop what listens there ` +
        `(an earlier \`npm start\`? see \`ss -ltnp 'sport = :${port}'\`) and try again.`,
    );
    this.name = 'PortInUseError';
  }
}

/**
 * Fails with a message naming the first port that is taken. Binding to every interface also collides
 * with a listener on 127.0.0.1 only, so one check covers both.
 */
export async function assertPortsFree(uses: PortUse[]): Promise<void> {
  for (const { port, what } of uses) {
    if (!port) continue;
    await new Promise<void>((resolve, reject) => {
      const server = createServer();
      server.once('error', (error: NodeJS.ErrnoException) =>
        reject(
          error.code === 'EADDRINUSE' ? new PortInUseError(port, what) : error,
        ),
      );
      server.listen(port, () => server.close(() => resolve()));
    });
  }
}
