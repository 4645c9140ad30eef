import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { deleteRecord, listRecords, listSessions, revokeSessions, type RecordQuery } from '../../api/console';
import { keys } from '../../api/keys';

export function useRecordPage(projectId: string, endpointId: string, limit: number, after: string | null, query: RecordQuery) {
  return useQuery({
    queryKey: keys.recordPage(projectId, endpointId, limit, after, query.where, query.sort),
    queryFn: () => listRecords(projectId, endpointId, limit, after, query),
    retry: false,
    placeholderData: keepPreviousData,
  });
}

export function useDeleteRecord(projectId: string, endpointId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (uniqueId: string) => deleteRecord(projectId, endpointId, uniqueId),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: keys.records(projectId, endpointId) });
      void client.invalidateQueries({ queryKey: keys.endpoint(projectId, endpointId), exact: true });
      void client.invalidateQueries({ queryKey: keys.endpoints(projectId), exact: true });
    },
  });
}

export function useSessions(projectId: string, endpointId: string, user: string) {
  return useQuery({
    queryKey: keys.sessions(projectId, endpointId, user),
    queryFn: () => listSessions(projectId, endpointId, user),
  });
}

export function useRevokeSessions(projectId: string, endpointId: string, user: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => revokeSessions(projectId, endpointId, user),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.sessions(projectId, endpointId, user) }),
  });
}
