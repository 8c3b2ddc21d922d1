export { EntityDeliveryContent } from './EntityDeliveryContent';
export { EntityDeliveryCard } from './EntityDeliveryCard';
export { EntityReleasesCard } from './EntityReleasesCard';
