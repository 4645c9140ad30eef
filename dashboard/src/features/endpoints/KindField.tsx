import type { Endpoint } from '@rested/shared';

export type EndpointKind = 'data' | 'auth' | 'files';

export const kindOf = (endpoint: Pick<Endpoint, 'auth' | 'files'>): EndpointKind => (endpoint.auth ? 'auth' : endpoint.files ? 'files' : 'data');

interface KindFieldProps {
  kind: EndpointKind;
  onChange: (kind: EndpointKind) => void;
  /** The kind is chosen at creation and cannot change afterwards. */
  locked: boolean;
}

const KINDS: ReadonlyArray<{ kind: EndpointKind; label: string; hint: string }> = [
  { kind: 'data', label: 'Data endpoint', hint: 'Stores JSON records: create, read, update, delete.' },
  { kind: 'auth', label: 'Authentication endpoint', hint: "Stores your app's users: register, login, current user, logout." },
  { kind: 'files', label: 'File endpoint', hint: 'Stores files: uploads, downloads, images and videos served with ranges.' },
];

export function KindField({ kind, onChange, locked }: KindFieldProps) {
  return (
    <fieldset className="fieldset">
      <legend className="field__label">Kind</legend>
      {locked ? <p className="field__hint">The kind is chosen when the endpoint is created.</p> : null}
      <div className="choices">
        {KINDS.map((choice) => (
          <label key={choice.kind} className={`choice${kind === choice.kind ? ' choice--on' : ''}`}>
            <input type="radio" name="kind" checked={kind === choice.kind} disabled={locked} onChange={() => onChange(choice.kind)} />
            <span>
              <span className="choice__label">{choice.label}</span>
              <span className="choice__hint">{choice.hint}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
