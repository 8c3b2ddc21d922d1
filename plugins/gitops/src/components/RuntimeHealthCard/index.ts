export { RuntimeHealthCard } from './RuntimeHealthCard';
