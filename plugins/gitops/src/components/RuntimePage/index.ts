export { RuntimePage } from './RuntimePage';
