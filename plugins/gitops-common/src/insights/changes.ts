/** What `GET /changes?q=` took the query for. */
export type ChangeQueryKind = 'issue' | 'commit' | 'text';

/** A release whose notes name the change. */
export interface ChangeRelease {
  id: string;
  product: string;
  version: string;
  status: string;
  createdAt: string;
}

/** Whether the change runs in one environment of one product. */
export interface ChangeLocation {
  product: string;
  environment: string;
  deployed: boolean;
  /** When the first deployment carrying it there turned healthy (while it is deployed). */
  since?: string;
  /** The release that brought it there, or `outside`. */
  releaseId?: string;
  version?: string;
  /** What became of the latest deployment carrying it there. */
  outcome?: string;
}

/** Answer of `GET /changes`. */
export interface ChangeSearchResponse {
  query: string;
  kind: ChangeQueryKind;
  releases: ChangeRelease[];
  /** Per product, every environment of the delivery config and any other the history names. */
  environments: ChangeLocation[];
}
