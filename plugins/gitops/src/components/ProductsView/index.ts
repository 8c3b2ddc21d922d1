export { ProductsView } from './ProductsView';
