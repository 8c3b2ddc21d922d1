import { Knex } from 'knex';
import {
  migratedDatabase,
  testDatabases,
} from '../__testUtils__/testDatabases';
import { releaseRecord } from '../__testUtils__/releaseRecords';
import { BranchLeases } from './BranchLeases';
import { DatabaseReleaseStore } from './ReleaseStore';

jest.setTimeout(60_000);

const MINUTES = 60_000;

const release = (id: string) => releaseRecord(id, { status: 'running' });

/**
 * Runs `fn` as a replica whose clock is `offsetMs` off: every `new Date()` and `Date.now()` in it
 * (timers stay real, so database drivers keep working).
 */
async function withClockOffset<T>(
  offsetMs: number,
  fn: () => Promise<T>,
): Promise<T> {
  jest.useFakeTimers({
    now: Date.now() + offsetMs,
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
  try {
    return await fn();
  } finally {
    jest.useRealTimers();
  }
}

/** One engine replica's view of the database: its own store and branch leases. */
function replica(knex: Knex, name: string) {
  return {
    name,
    store: new DatabaseReleaseStore(knex),
    leases: new BranchLeases(knex, name, 60_000),
  };
}

const branch = BranchLeases.keyOf('file:///manifests.git', 'main');

describe.each(testDatabases.eachSupportedId())(
  'two engine replicas on one %s database',
  id => {
    let knex: Knex;

    beforeEach(async () => {
      knex = await migratedDatabase(id);
    });

    it('keep a live claim and lease even when one clock runs minutes ahead or behind', async () => {
      const a = replica(knex, 'replica-a');
      const b = replica(knex, 'replica-b');
      await a.store.create(release('r1'));

      // A's clock is 5 minutes behind: its claim still lasts its 60 s by the database's clock.
      expect(
        await withClockOffset(-5 * MINUTES, () =>
          a.store.claim('r1', a.name, 60_000),
        ),
      ).toBe(true);
      expect(
        await withClockOffset(-5 * MINUTES, () => a.leases.acquire(branch)),
      ).toBe(true);

      // B's clock is 5 minutes ahead: to it A's claim looks long expired, but it is not.
      await withClockOffset(5 * MINUTES, async () => {
        expect(await b.store.due(new Date(), 10)).toEqual([]);
        expect(await b.store.claim('r1', b.name, 60_000)).toBe(false);
        expect(await b.leases.acquire(branch)).toBe(false);
      });
      // A on time, too.
      expect(await b.store.claim('r1', b.name, 60_000)).toBe(false);
      expect(await b.leases.acquire(branch)).toBe(false);

      // A's write, extending its claim, still goes through: nobody took the release from it.
      const read = (await a.store.get('r1'))!;
      read.steps[0].status = 'committing';
      expect(
        await withClockOffset(-5 * MINUTES, () =>
          a.store.update(read, { claimedBy: a.name, claimTtlMs: 60_000 }),
        ),
      ).toBe(true);
      await withClockOffset(5 * MINUTES, async () => {
        expect(await b.store.claim('r1', b.name, 60_000)).toBe(false);
      });
    });

    it('race step by step for a release and a branch: one wins each claim and no step runs twice', async () => {
      const replicas = [replica(knex, 'replica-a'), replica(knex, 'replica-b')];
      for (let round = 0; round < 10; round++) {
        const releaseId = `race-${round}`;
        await replicas[0].store.create(release(releaseId));

        // 1. Both find the release due and claim it at the same moment.
        for (const r of replicas) {
          expect(await r.store.due(new Date(), 100)).toContain(releaseId);
        }
        const claims = await Promise.all(
          replicas.map(r => r.store.claim(releaseId, r.name, 60_000)),
        );
        expect(claims.filter(Boolean)).toHaveLength(1);
        const winner = replicas[claims.indexOf(true)];
        const loser = replicas[claims.indexOf(false)];

        // 2. Both read the release; only the claim holder may write the step's transition.
        const seenByWinner = (await winner.store.get(releaseId))!;
        const seenByLoser = (await loser.store.get(releaseId))!;
        seenByLoser.steps[0].status = 'committing';
        expect(
          await loser.store.update(seenByLoser, {
            claimedBy: loser.name,
            claimTtlMs: 60_000,
          }),
        ).toBe(false);
        seenByWinner.steps[0].status = 'committing';
        expect(
          await winner.store.update(seenByWinner, {
            claimedBy: winner.name,
            claimTtlMs: 60_000,
          }),
        ).toBe(true);

        // 3. Both want to commit to the same branch at the same moment: one lease.
        const leases = await Promise.all(
          replicas.map(r => r.leases.acquire(branch)),
        );
        expect(leases.filter(Boolean)).toHaveLength(1);
        const committer = replicas[leases.indexOf(true)];
        const waiting = replicas[leases.indexOf(false)];
        expect(await waiting.leases.acquire(branch)).toBe(false);
        await committer.leases.release(branch);

        // 4. The winner saves the commit and gives the release back.
        seenByWinner.steps[0].status = 'syncing';
        expect(
          await winner.store.update(seenByWinner, {
            claimedBy: winner.name,
            claimTtlMs: 60_000,
          }),
        ).toBe(true);
        await winner.store.releaseClaim(releaseId, winner.name);

        // 5. The loser now claims it, but its earlier read is stale: the commit step cannot run again.
        expect(await loser.store.claim(releaseId, loser.name, 60_000)).toBe(
          true,
        );
        expect(
          await loser.store.update(seenByLoser, {
            claimedBy: loser.name,
            claimTtlMs: 60_000,
          }),
        ).toBe(false);
        const fresh = (await loser.store.get(releaseId))!;
        expect(fresh.steps[0].status).toBe('syncing');
        expect(fresh.rowVersion).toBe(2);
        await loser.store.releaseClaim(releaseId, loser.name);
        expect(await waiting.leases.acquire(branch)).toBe(true);
        await waiting.leases.release(branch);
      }
    });

    it('fences off a replica whose claim expired: its late write is refused', async () => {
      const a = replica(knex, 'replica-a');
      const b = replica(knex, 'replica-b');
      await a.store.create(release('r2'));
      expect(await a.store.claim('r2', a.name, 200)).toBe(true);
      const stale = (await a.store.get('r2'))!;
      // A stalls past its claim (by the database's clock) and B takes over.
      await new Promise(resolve => setTimeout(resolve, 400));
      expect(await b.store.claim('r2', b.name, 60_000)).toBe(true);
      // A's write comes late: its read is current, but it no longer holds the claim.
      stale.steps[0].status = 'committing';
      expect(
        await a.store.update(stale, { claimedBy: a.name, claimTtlMs: 60_000 }),
      ).toBe(false);
      const current = (await b.store.get('r2'))!;
      expect(current.rowVersion).toBe(0);
      current.steps[0].status = 'committing';
      expect(
        await b.store.update(current, {
          claimedBy: b.name,
          claimTtlMs: 60_000,
        }),
      ).toBe(true);
    });
  },
);
