/**
 * Run with: node --import tsx --test 'scripts/**\/*.test.ts'
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { planTestRun, selectSuites } from './plan';

const FULL_ENV = {
  BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:
    'postgresql://postgres@127.0.0.1:5432',
  SLIPWAY_TEST_REDIS_URL: 'redis://127.0.0.1:6379',
};
const chromiumHere = () => true;
const noChromium = () => false;

describe('what npm test runs', () => {
  test('with everything available: all three suites, nothing skipped', () => {
    const plan = planTestRun('/repo', FULL_ENV, chromiumHere);
    assert.deepEqual(
      plan.suites.map(s => s.name),
      ['unit', 'scripts', 'e2e'],
    );
    assert.deepEqual(plan.skipped, []);
  });

  test('runs the unit suite once and never with Docker, even with no variables set', () => {
    const [unit] = planTestRun('/repo', {}, chromiumHere).suites;
    assert.deepEqual(unit.args.slice(-2), ['repo', 'test']);
    assert.equal(unit.env.CI, '1');
    assert.equal(unit.env.BACKSTAGE_TEST_DISABLE_DOCKER, '1');
  });

  test('with no variables: one line each for PostgreSQL and Redis, saying what to set', () => {
    const plan = planTestRun('/repo', {}, chromiumHere);
    assert.deepEqual(
      plan.skipped.map(s => s.what),
      ['PostgreSQL tests', 'Redis cache test'],
    );
    assert.match(
      plan.skipped[0].line,
      /set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING=postgresql:/,
    );
    assert.match(plan.skipped[1].line, /set SLIPWAY_TEST_REDIS_URL=redis:/);
    for (const { line } of plan.skipped) assert.doesNotMatch(line, /\n/);
    // Skipping them does not drop a suite.
    assert.equal(plan.suites.length, 3);
  });

  test('without Chromium: skips the browser tests, naming where it looked and what to set', () => {
    const plan = planTestRun(
      '/repo',
      { ...FULL_ENV, SLIPWAY_CHROMIUM: '/opt/chrome/chrome' },
      noChromium,
    );
    assert.deepEqual(
      plan.suites.map(s => s.name),
      ['unit', 'scripts'],
    );
    assert.match(
      plan.skipped[0].line,
      /no Chromium at \/opt\/chrome\/chrome; install it or set SLIPWAY_CHROMIUM/,
    );
  });

  test('runs only the suites named on the command line, and refuses unknown names', () => {
    const plan = planTestRun('/repo', FULL_ENV, chromiumHere);
    assert.deepEqual(
      selectSuites(plan, ['e2e', 'unit']).map(s => s.name),
      ['unit', 'e2e'],
    );
    assert.throws(
      () => selectSuites(plan, ['integration']),
      /Unknown test suite integration; the suites are unit, scripts, e2e/,
    );
  });
});
