export { environmentSchema } from './environmentSchema';
export { productSchema } from './productSchema';
export { flowSchema } from './flowSchema';
export {
  validateDocument,
  type DocumentIssue,
  type DocumentSchema,
} from './documentIssues';
export { formatConfigProblem } from './formatConfigProblem';
