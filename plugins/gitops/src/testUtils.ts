/**
 * Delivery fixtures of the frontend's tests, for this repository's benchmarks. Not a stable API.
 *
 * @packageDocumentation
 */
export {
  manyEnvironments,
  manyProducts,
} from './__testUtils__/deliveryFixtures';
