import type { Endpoint } from '@rested/shared';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { plural } from '../../lib/format';
import { useDeleteEndpoint } from './use-endpoints';

interface DeleteEndpointDialogProps {
  projectId: string;
  endpoint: Endpoint | null;
  onClose: () => void;
  onDeleted?: () => void;
}

/** Deleting an endpoint deletes its data, so the owner types the name to confirm. */
export function DeleteEndpointDialog({ projectId, endpoint, onClose, onDeleted }: DeleteEndpointDialogProps) {
  const remove = useDeleteEndpoint(projectId);
  const close = () => {
    remove.reset();
    onClose();
  };
  if (!endpoint) return null;
  const what = endpoint.auth ? plural(endpoint.recordCount, 'user') : plural(endpoint.recordCount, 'record');
  return (
    <ConfirmDialog
      open
      title={`Delete endpoint ${endpoint.name}?`}
      confirmLabel="Delete this endpoint"
      danger
      typeToConfirm={endpoint.name}
      pending={remove.isPending}
      error={remove.error}
      onCancel={close}
      onConfirm={() =>
        remove.mutate(endpoint.id, {
          onSuccess: () => {
            close();
            onDeleted?.();
          },
        })
      }
    >
      <p>
        This deletes the endpoint <strong>{endpoint.name}</strong> and all its data ({what}
        {endpoint.auth ? ' and their sessions' : ''}). Apps calling it will get errors. This cannot be undone.
      </p>
    </ConfirmDialog>
  );
}
