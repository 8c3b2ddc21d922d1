import type { DeliveryConfig } from '@slipway/plugin-gitops-common';
import type { BoardModel } from './boardModel';

/** What promotions read from the delivery layer; `DeliveryService` is the implementation. */
export interface DeliveryReader {
  /** Config joined with every runtime (costly when runtimes change): for planning a release. */
  board(): Promise<BoardModel>;
  /** Just the delivery config (cheap, cached per commit): for advancing releases. */
  config(): Promise<DeliveryConfig>;
}
