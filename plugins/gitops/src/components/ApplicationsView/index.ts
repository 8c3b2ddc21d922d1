export { ApplicationsView } from './ApplicationsView';
