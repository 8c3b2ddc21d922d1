import { ApplicationRef } from '../types';

/** One promotable value (a `promotion.files[].paths[]` entry) in two environments. */
export interface PromotableValueDiff {
  file: string;
  path: string;
  /** Value in the source environment; absent when it could not be read (see `fromProblem`). */
  from?: string;
  to?: string;
  fromProblem?: string;
  toProblem?: string;
  differs: boolean;
}

/** The counterpart applications of one component in the two environments. */
export interface ComponentDiff {
  component: string;
  from?: ApplicationRef;
  to?: ApplicationRef;
  values: PromotableValueDiff[];
  differs: boolean;
}

/** The promotable values of a product side by side for two environments. */
export interface EnvironmentDiff {
  product: string;
  from: string;
  to: string;
  components: ComponentDiff[];
  /** Number of values that differ, over all components. */
  differences: number;
}
