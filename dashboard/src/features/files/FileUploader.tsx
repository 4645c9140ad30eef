import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type ChangeEvent } from 'react';
import { MAX_FILES_PER_REQUEST, type Endpoint } from '@rested/shared';
import { keys } from '../../api/keys';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatBytes } from '../../lib/format';
import { uploadFiles } from './upload-files';

/** Picks up to 10 files and uploads them with a progress bar; the file list refreshes when they are stored. */
export function FileUploader({ projectId, endpoint }: { projectId: string; endpoint: Endpoint }) {
  const client = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);

  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.target.files ?? [])];
    if (files.length === 0) return;
    setError(null);
    setProgress(0);
    try {
      await uploadFiles(projectId, endpoint.id, files, setProgress);
      void client.invalidateQueries({ queryKey: keys.records(projectId, endpoint.id) });
      void client.invalidateQueries({ queryKey: keys.endpoint(projectId, endpoint.id), exact: true });
    } catch (caught) {
      setError(caught);
    } finally {
      setProgress(null);
      if (input.current) input.current.value = '';
    }
  };

  const types = endpoint.allowedTypes.length > 0 ? endpoint.allowedTypes.join(', ') : 'any type';
  return (
    <div className="card stack">
      <label className="field">
        <span className="field__label">Upload files</span>
        <input
          ref={input}
          type="file"
          multiple
          className="input"
          accept={endpoint.allowedTypes.join(',') || undefined}
          onChange={(e) => void upload(e)}
          disabled={progress !== null}
          data-testid="file-input"
        />
        <span className="field__hint">
          Up to {MAX_FILES_PER_REQUEST} files at once, each up to {formatBytes(endpoint.maxFileBytes)}; {types}.
        </span>
      </label>
      {progress !== null ? (
        <div className="upload-progress" role="status" aria-live="polite">
          <progress max={1} value={progress} aria-label="Upload progress" data-testid="upload-progress" />
          <span>{Math.round(progress * 100)} %</span>
        </div>
      ) : null}
      <ErrorAlert error={error} />
    </div>
  );
}
