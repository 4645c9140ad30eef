import type { RecordEnvelope } from '@rested/shared';
import { CopyButton } from '../../components/CopyButton';
import { Dialog } from '../../components/Dialog';
import { JsonView } from '../../components/JsonView';
import { userLabel } from './record-text';

interface RecordDialogProps {
  record: RecordEnvelope | null;
  users: boolean;
  onClose: () => void;
}

export function RecordDialog({ record, users, onClose }: RecordDialogProps) {
  if (!record) return null;
  const json = JSON.stringify(record, null, 2);
  return (
    <Dialog
      open
      wide
      title={users ? `User ${userLabel(record)}` : 'Record'}
      onClose={onClose}
      footer={
        <>
          <CopyButton text={json} label="Copy JSON" />
          <button type="button" className="btn btn--small" onClick={onClose}>
            Close
          </button>
        </>
      }
    >
      <p className="muted small">
        <code className="mono">{record.uniqueId}</code>
      </p>
      <JsonView value={record} label={users ? 'User record as JSON' : 'Record as JSON'} />
    </Dialog>
  );
}
