export { PromoteDialog } from './PromoteDialog';
export { PromoteButton, usePromotePermission } from './PromoteButton';
export { PromoteMenu } from './PromoteMenu';
export type { PromoteMenuTarget } from './PromoteMenu';
