import type { RecordEnvelope } from '@rested/shared';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { userLabel } from './record-text';
import { useDeleteRecord } from './use-records';

interface DeleteRecordDialogProps {
  projectId: string;
  endpointId: string;
  record: RecordEnvelope | null;
  users: boolean;
  onClose: () => void;
}

export function DeleteRecordDialog({ projectId, endpointId, record, users, onClose }: DeleteRecordDialogProps) {
  const remove = useDeleteRecord(projectId, endpointId);
  const close = () => {
    remove.reset();
    onClose();
  };
  if (!record) return null;
  return (
    <ConfirmDialog
      open
      title={users ? `Delete user ${userLabel(record)}?` : 'Delete this record?'}
      confirmLabel={users ? 'Delete this user' : 'Delete this record'}
      danger
      pending={remove.isPending}
      error={remove.error}
      onCancel={close}
      onConfirm={() => remove.mutate(record.uniqueId, { onSuccess: close })}
    >
      <p>
        {users ? 'The user can no longer log in, and their sessions end. ' : ''}
        The record <code className="mono">{record.uniqueId}</code> is deleted for good.
      </p>
    </ConfirmDialog>
  );
}
