export { PromoteDialog } from './PromoteDialog';
export { PromoteButton } from './PromoteButton';
export { PromoteMenu } from './PromoteMenu';
export type { PromoteMenuTarget } from './PromoteMenu';
