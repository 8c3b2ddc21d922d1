export { InsightsPage } from './InsightsPage';
export { ChangeSearch } from './ChangeSearch';
export { ProductDoraCard } from './ProductDoraCard';
