/**
 * Imported first by the scripts behind `npm start` and `npm test`: on an unsupported Node.js they stop
 * here, with how to get a supported one, before anything else loads.
 */
import { assertSupportedNode } from './nodeVersion';

assertSupportedNode();
