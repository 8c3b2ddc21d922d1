export { environmentSchema } from './environmentSchema';
export { productSchema } from './productSchema';
export { createFlowSchema, flowSchema } from './flowSchema';
export type { GateTypeCheck } from './flowSchema';
export {
  validateDocument,
  type DocumentIssue,
  type DocumentSchema,
} from './documentIssues';
export { formatConfigProblem } from './formatConfigProblem';
