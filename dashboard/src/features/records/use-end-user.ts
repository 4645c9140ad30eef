import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getEndUser, sendEndUserReset, updateEndUser } from '../../api/audit';
import { keys } from '../../api/keys';

export function useEndUser(projectId: string, endpointId: string, user: string) {
  return useQuery({ queryKey: keys.endUser(projectId, endpointId, user), queryFn: () => getEndUser(projectId, endpointId, user) });
}

/** Disable / enable, or set the password: the user's sessions and the activity change with it. */
export function useUpdateEndUser(projectId: string, endpointId: string, user: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { disabled?: boolean; password?: string }) => updateEndUser(projectId, endpointId, user, input),
    onSuccess: (updated) => {
      client.setQueryData(keys.endUser(projectId, endpointId, user), updated);
      void client.invalidateQueries({ queryKey: keys.sessions(projectId, endpointId, user) });
      void client.invalidateQueries({ queryKey: keys.audit(projectId) });
    },
  });
}

export function useSendEndUserReset(projectId: string, endpointId: string, user: string) {
  return useMutation({ mutationFn: (templateName: string) => sendEndUserReset(projectId, endpointId, user, templateName) });
}
