export { GitopsPage } from './GitopsPage';
