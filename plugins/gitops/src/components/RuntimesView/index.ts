export { RuntimesView } from './RuntimesView';
export { RuntimesTab } from './RuntimesTab';
