export { EntityDeliveryContent } from './EntityDeliveryContent';
export { EntityDeliveryCard } from './EntityDeliveryCard';
