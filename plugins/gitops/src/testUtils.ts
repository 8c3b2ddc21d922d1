/**
 * Delivery fixtures of the frontend's tests, for this repository's benchmarks. Not a stable API.
 *
 * @packageDocumentation
 */
/* eslint-disable no-restricted-imports -- this entry point exists to share the test fixtures */
export {
  manyEnvironments,
  manyProducts,
} from './__testUtils__/deliveryFixtures';
