import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from '../api/client';
import { keys } from '../api/keys';

/**
 * One QueryClient per app. A 401 from any call (other than a failed sign-in) means the
 * console session is gone: forget the owner, and the auth guard sends the user to /signin.
 */
export function createQueryClient(): QueryClient {
  const onError = (error: unknown) => {
    if (isApiError(error) && error.code === 401 && error.reason !== 'invalid_credentials') {
      client.setQueryData(keys.me, null);
    }
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: false,
        retry: (failures, error) => !(isApiError(error) && error.code >= 400 && error.code < 500) && failures < 2,
      },
      mutations: { retry: false },
    },
  });
  return client;
}
