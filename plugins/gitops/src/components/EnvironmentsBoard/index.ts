export { EnvironmentsBoard } from './EnvironmentsBoard';
