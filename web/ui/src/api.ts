/** API access: typed errors, the bearer-token client and the `useApi` hook. */

export { ApiProvider, useApiClient } from './api/ApiProvider';
export {
  type ApiClient,
  type ApiClientOptions,
  createApiClient,
  type RequestOptions,
} from './api/api-client';
export { ApiError, apiErrorFromResponse, ensureError, errorText } from './api/api-error';
export { type ApiState, type UseApiOptions, useApi } from './api/useApi';
