import request from 'supertest';
import { auth, gitApp, token } from '../__testUtils__/simulators';
import {
  chartFiles,
  createGitFixture,
  GitFixture,
} from '../__testUtils__/gitFixture';
import { startSimulator } from '../startSimulator';
import type { RunningSimulator } from '../types';

jest.setTimeout(30_000);

describe('deployment history at start-up', () => {
  let git: GitFixture;
  let sim: RunningSimulator;
  const shas: string[] = [];

  beforeAll(async () => {
    git = await createGitFixture();
    for (let patch = 0; patch < 12; patch++) {
      shas.push(
        await git.commit(
          chartFiles('payments-api', 'dev', `1.4.${patch}`),
          `Ship payments-api 1.4.${patch}`,
        ),
      );
    }
    const limited = gitApp(git.repoURL, 'limited');
    limited.spec.revisionHistoryLimit = 5;
    sim = await startSimulator({
      name: 'test',
      tokens: [token],
      applications: [gitApp(git.repoURL, 'default-limit'), limited],
    });
  });

  afterAll(async () => {
    await sim?.close();
    await git?.cleanup();
  });

  const historyOf = async (name: string) =>
    (
      await request(sim.url)
        .get(`/api/v1/applications/${name}`)
        .set(auth)
        .expect(200)
    ).body.status.history as Array<{
      id: number;
      revision: string;
      deployStartedAt: string;
      deployedAt: string;
    }>;

  it("keeps as many earlier commits as revisionHistoryLimit says, Argo CD's default 10 without one", async () => {
    expect((await historyOf('default-limit')).map(h => h.revision)).toEqual(
      shas.slice(-10),
    );
    const limited = await historyOf('limited');
    expect(limited.map(h => [h.id, h.revision])).toEqual(
      shas.slice(-5).map((sha, id) => [id, sha]),
    );
  });

  it('dates each entry no earlier than its sync began and never in the future', async () => {
    const now = Date.now();
    for (const entry of await historyOf('limited')) {
      const started = Date.parse(entry.deployStartedAt);
      const deployed = Date.parse(entry.deployedAt);
      expect(started).toBeLessThanOrEqual(deployed);
      expect(deployed).toBeLessThanOrEqual(now);
      expect(deployed).toBeGreaterThan(now - 60_000);
    }
  });
});
