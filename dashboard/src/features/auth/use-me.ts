import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Owner } from '@rested/shared';
import { isApiError } from '../../api/client';
import { getMe, login, logout, register } from '../../api/console';
import { keys } from '../../api/keys';

/** The signed-in owner, or null when GET /auth/me answers 401. */
export function useMe() {
  return useQuery({ queryKey: keys.me, queryFn: fetchMe, staleTime: 5 * 60_000 });
}

async function fetchMe(): Promise<Owner | null> {
  try {
    return (await getMe()).owner;
  } catch (error) {
    if (isApiError(error) && error.code === 401) return null;
    throw error;
  }
}

export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: ({ owner }) => {
      client.clear();
      client.setQueryData(keys.me, owner);
    },
  });
}

export function useSignUp() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: register,
    onSuccess: ({ owner }) => {
      client.clear();
      client.setQueryData(keys.me, owner);
    },
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSettled: () => {
      client.clear();
      client.setQueryData(keys.me, null);
    },
  });
}
