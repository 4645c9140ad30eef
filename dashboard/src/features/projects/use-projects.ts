import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Project } from '@rested/shared';
import {
  createMasterKey,
  createProject,
  deleteMasterKey,
  deleteProject,
  getProject,
  listProjects,
  rotateApiKey,
  updateProject,
  type ProjectInput,
} from '../../api/console';
import { keys } from '../../api/keys';

export function useProjects() {
  return useQuery({ queryKey: keys.projects, queryFn: listProjects });
}

export function useProject(id: string) {
  return useQuery({ queryKey: keys.project(id), queryFn: () => getProject(id) });
}

/** Put a fresh project into the cache (detail and list) after any change. */
function useStoreProject() {
  const client = useQueryClient();
  return (project: Project) => {
    client.setQueryData(keys.project(project.id), project);
    client.setQueryData<Project[]>(keys.projects, (list) => list?.map((p) => (p.id === project.id ? project : p)));
  };
}

export function useCreateProject() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: createProject,
    onSuccess: (project) => {
      client.setQueryData(keys.project(project.id), project);
      void client.invalidateQueries({ queryKey: keys.projects, exact: true });
    },
  });
}

export function useUpdateProject(id: string) {
  const store = useStoreProject();
  return useMutation({ mutationFn: (input: ProjectInput) => updateProject(id, input), onSuccess: store });
}

export function useRotateApiKey(id: string) {
  const store = useStoreProject();
  return useMutation({ mutationFn: () => rotateApiKey(id), onSuccess: store });
}

function usePatchProjectCache(id: string) {
  const client = useQueryClient();
  return (patch: Partial<Project>) =>
    client.setQueryData<Project>(keys.project(id), (p) => (p ? { ...p, ...patch } : p));
}

export function useCreateMasterKey(id: string) {
  const patch = usePatchProjectCache(id);
  return useMutation({ mutationFn: () => createMasterKey(id), onSuccess: () => patch({ hasMasterKey: true }) });
}

export function useDeleteMasterKey(id: string) {
  const patch = usePatchProjectCache(id);
  return useMutation({ mutationFn: () => deleteMasterKey(id), onSuccess: () => patch({ hasMasterKey: false }) });
}

export function useDeleteProject(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => deleteProject(id),
    // The detail query stays until the screen has navigated away (removing it now would refetch a 404).
    onSuccess: () => client.setQueryData<Project[]>(keys.projects, (list) => list?.filter((p) => p.id !== id)),
  });
}
