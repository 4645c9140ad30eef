import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Endpoint } from '@rested/shared';
import {
  createEndpoint,
  deleteEndpoint,
  getEndpoint,
  listEndpoints,
  updateEndpoint,
  type EndpointInput,
} from '../../api/console';
import { keys } from '../../api/keys';

export function useEndpoints(projectId: string) {
  return useQuery({ queryKey: keys.endpoints(projectId), queryFn: () => listEndpoints(projectId) });
}

export function useEndpoint(projectId: string, endpointId: string) {
  const client = useQueryClient();
  return useQuery({
    queryKey: keys.endpoint(projectId, endpointId),
    queryFn: () => getEndpoint(projectId, endpointId),
    // Show the row from the list at once while the detail loads.
    placeholderData: () =>
      client.getQueryData<Endpoint[]>(keys.endpoints(projectId))?.find((e) => e.id === endpointId),
  });
}

function useStoreEndpoint(projectId: string) {
  const client = useQueryClient();
  return (endpoint: Endpoint) => {
    client.setQueryData(keys.endpoint(projectId, endpoint.id), endpoint);
    client.setQueryData<Endpoint[]>(keys.endpoints(projectId), (list) => {
      if (!list) return list;
      const known = list.some((e) => e.id === endpoint.id);
      return known ? list.map((e) => (e.id === endpoint.id ? endpoint : e)) : [...list, endpoint];
    });
  };
}

export function useCreateEndpoint(projectId: string) {
  const store = useStoreEndpoint(projectId);
  return useMutation({ mutationFn: (input: EndpointInput) => createEndpoint(projectId, input), onSuccess: store });
}

export function useUpdateEndpoint(projectId: string, endpointId: string) {
  const store = useStoreEndpoint(projectId);
  return useMutation({
    mutationFn: (input: EndpointInput) => updateEndpoint(projectId, endpointId, input),
    onSuccess: store,
  });
}

export function useDeleteEndpoint(projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (endpointId: string) => deleteEndpoint(projectId, endpointId),
    // The detail query stays until the screen has navigated away (removing it now would refetch a 404).
    onSuccess: (_, endpointId) =>
      client.setQueryData<Endpoint[]>(keys.endpoints(projectId), (list) => list?.filter((e) => e.id !== endpointId)),
  });
}
