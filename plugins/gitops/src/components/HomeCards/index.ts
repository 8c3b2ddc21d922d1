export {
  WaitingForApprovalContent,
  WaitingForApprovalActions,
} from './WaitingForApprovalCard';
export { MyProductsContent, MyProductsActions } from './MyProductsCard';
export {
  RecentReleasesContent,
  RecentReleasesActions,
} from './RecentReleasesCard';
export {
  FailedReleasesContent,
  FailedReleasesActions,
} from './FailedReleasesCard';
