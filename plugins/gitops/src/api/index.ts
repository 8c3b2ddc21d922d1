export { gitopsApiRef } from './gitopsApiRef';
