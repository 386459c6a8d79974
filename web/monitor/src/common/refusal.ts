import { ApiError } from '@kpi/web-ui/api';

/**
 * The API's refusal (403) among a page's read errors, if any. The page then shows who may use it, with the
 * refusal's request id, instead of its content: the user's role may not read what it shows.
 */
export function refusal(...errors: (Error | undefined)[]): ApiError | undefined {
  return errors.find((e): e is ApiError => e instanceof ApiError && e.status === 403);
}
