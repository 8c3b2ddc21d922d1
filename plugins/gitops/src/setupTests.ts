import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Whole views render in a test app (material-table, drawers, lazy tabs), which is slow when the suites
// run in parallel; the default 5 s per test and 1 s per `findBy` make such runs flaky.
jest.setTimeout(30_000);
configure({ asyncUtilTimeout: 5_000 });
