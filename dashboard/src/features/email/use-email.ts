import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { EmailSettings, EmailTemplate } from '@rested/shared';
import { isApiError } from '../../api/client';
import {
  deleteEmailSettings, deleteTemplate, getEmailSettings, listTemplates, putEmailSettings, putTemplate, sendTestEmail,
  type EmailSettingsInput, type TemplateInput,
} from '../../api/email';

const emailKeys = {
  settings: (projectId: string) => ['projects', projectId, 'email'] as const,
  templates: (projectId: string) => ['projects', projectId, 'email', 'templates'] as const,
};

/** The project's email settings, or null before any are saved. */
export function useEmailSettings(projectId: string) {
  return useQuery({
    queryKey: emailKeys.settings(projectId),
    queryFn: async (): Promise<EmailSettings | null> => {
      try {
        return await getEmailSettings(projectId);
      } catch (error) {
        if (isApiError(error) && error.code === 404 && error.reason === 'not_found') return null;
        throw error;
      }
    },
  });
}

export function useSaveEmailSettings(projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: EmailSettingsInput) => putEmailSettings(projectId, input),
    onSuccess: (saved) => client.setQueryData(emailKeys.settings(projectId), saved),
  });
}

export function useDeleteEmailSettings(projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => deleteEmailSettings(projectId),
    onSuccess: () => client.setQueryData(emailKeys.settings(projectId), null),
  });
}

export function useSendTestEmail(projectId: string) {
  return useMutation({ mutationFn: (to: string) => sendTestEmail(projectId, to) });
}

export function useTemplates(projectId: string) {
  return useQuery({ queryKey: emailKeys.templates(projectId), queryFn: () => listTemplates(projectId) });
}

export function useSaveTemplate(projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ name, input }: { name: string; input: TemplateInput }) => putTemplate(projectId, name, input),
    onSuccess: (saved) =>
      client.setQueryData<EmailTemplate[]>(emailKeys.templates(projectId), (list) =>
        [...(list ?? []).filter((t) => t.name !== saved.name), saved].sort((a, b) => a.name.localeCompare(b.name)),
      ),
  });
}

export function useDeleteTemplate(projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => deleteTemplate(projectId, name),
    onSuccess: (_done, name) =>
      client.setQueryData<EmailTemplate[]>(emailKeys.templates(projectId), (list) => list?.filter((t) => t.name !== name)),
  });
}
