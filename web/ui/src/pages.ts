/** Pages every UI shares. */
export { NotFoundPage } from './layout/NotFoundPage';
