export { environmentSchema } from './environmentSchema';
export { productSchema, valuePathSchema } from './productSchema';
export { flowSchema } from './flowSchema';
export {
  validateDocument,
  formatIssuePath,
  type DocumentIssue,
  type DocumentSchema,
} from './documentIssues';
export { formatConfigProblem } from './formatConfigProblem';
