export { RuntimesView } from './RuntimesView';
