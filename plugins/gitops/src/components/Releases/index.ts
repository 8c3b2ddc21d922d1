export { ReleasesTab } from './ReleasesTab';
export { ReleasesView } from './ReleasesView';
export { ReleasePage } from './ReleasePage';
export { ProductReleases } from './ProductReleases';
export { useReleaseLink } from './useReleaseLink';
export { errorMessage } from './releaseStatus';
