export { gitopsDeliveryServiceRef } from './deliveryService';
export type {
  GitopsDeliveryService,
  GitopsDeliveryServiceHolder,
} from './deliveryService';
