import http from 'node:http';
import { startSimulator } from '../startSimulator';
import type { RunningSimulator } from '../types';

interface Received {
  contentType: string;
  chunks: string[];
  ended: boolean;
  close(): void;
}

function openStream(url: string, accept?: string): Promise<Received> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      url,
      {
        headers: {
          Authorization: 'Bearer t',
          ...(accept ? { Accept: accept } : {}),
        },
      },
      res => {
        const received: Received = {
          contentType: String(res.headers['content-type']),
          chunks: [],
          ended: false,
          close: () => req.destroy(),
        };
        res.setEncoding('utf8');
        res.on('close', () => (received.ended = true));
        res.on('data', chunk => received.chunks.push(chunk));
        resolve(received);
      },
    );
    req.on('error', error => {
      if ((error as NodeJS.ErrnoException).code !== 'ECONNRESET') reject(error);
    });
  });
}

async function until<T>(
  probe: () => T | undefined,
  timeoutMs = 3000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise(resolve => setTimeout(resolve, 20));
  }
}

describe('GET /api/v1/stream/applications', () => {
  let sim: RunningSimulator;

  beforeAll(async () => {
    sim = await startSimulator({
      name: 'stream',
      tokens: ['t'],
      syntheticApplications: 8,
    });
  });

  afterAll(() => sim.close());

  it('sends SSE frames: ADDED for each matching app, then MODIFIED when one changes', async () => {
    const stream = await openStream(
      `${sim.url}/api/v1/stream/applications?name=payments-api-dev`,
      'text/event-stream',
    );
    try {
      expect(stream.contentType).toMatch(/^text\/event-stream/);
      const frames = () =>
        stream.chunks
          .join('')
          .split('\n\n')
          .filter(f => f.startsWith('data: '))
          .map(f => JSON.parse(f.slice('data: '.length)));
      const added = await until(() =>
        frames().length >= 1 ? frames()[0] : undefined,
      );
      expect(added.result.type).toBe('ADDED');
      expect(added.result.application.metadata.name).toBe('payments-api-dev');

      sim.faults.setApplicationHealth('payments-api-dev', {
        status: 'Degraded',
        message: 'OOMKilled',
      });
      const modified = await until(() =>
        frames().find(f => f.result.type === 'MODIFIED'),
      );
      expect(modified.result.application.status.health.status).toBe('Degraded');
      // Only the app the stream asked for.
      sim.faults.setApplicationHealth('payments-api-qa', {
        status: 'Degraded',
      });
      await new Promise(resolve => setTimeout(resolve, 100));
      expect(
        frames().every(
          f => f.result.application.metadata.name === 'payments-api-dev',
        ),
      ).toBe(true);
    } finally {
      stream.close();
      sim.faults.reset();
    }
  });

  it('sends newline-delimited JSON without Accept: text/event-stream', async () => {
    const stream = await openStream(
      `${sim.url}/api/v1/stream/applications?selector=slipway.dev/environment%3Dprod`,
    );
    try {
      expect(stream.contentType).toMatch(/^application\/json/);
      const lines = () =>
        stream.chunks
          .join('')
          .split('\n')
          .filter(Boolean)
          .map(l => JSON.parse(l));
      const all = await until(() =>
        lines().length >= 2 ? lines() : undefined,
      );
      expect(all.map(l => l.result.type)).toEqual(['ADDED', 'ADDED']);
      expect(all.map(l => l.result.application.metadata.name)).toEqual([
        'orders-api-prod',
        'payments-api-prod',
      ]);
    } finally {
      stream.close();
    }
  });

  it('ends open streams when the runtime goes down', async () => {
    const stream = await openStream(`${sim.url}/api/v1/stream/applications`);
    await until(() => (stream.chunks.length > 0 ? true : undefined));
    sim.faults.set({ mode: 'down' });
    try {
      await until(() => (stream.ended ? true : undefined));
      const res = await fetch(`${sim.url}/api/v1/applications`, {
        headers: { Authorization: 'Bearer t' },
      }).then(
        () => 'answered',
        () => 'failed',
      );
      expect(res).toBe('failed');
    } finally {
      sim.faults.reset();
      stream.close();
    }
  });
});
