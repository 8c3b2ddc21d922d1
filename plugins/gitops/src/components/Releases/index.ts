export { ReleasesTab } from './ReleasesTab';
export { ReleasesView } from './ReleasesView';
export { ReleasePage } from './ReleasePage';
export { ProductReleases } from './ProductReleases';
