interface KindFieldProps {
  auth: boolean;
  onChange: (auth: boolean) => void;
  /** The kind is chosen at creation and cannot change afterwards. */
  locked: boolean;
}

const KINDS = [
  { auth: false, label: 'Data endpoint', hint: 'Stores JSON records: create, read, update, delete.' },
  { auth: true, label: 'Authentication endpoint', hint: "Stores your app's users: register, login, current user, logout." },
];

export function KindField({ auth, onChange, locked }: KindFieldProps) {
  return (
    <fieldset className="fieldset">
      <legend className="field__label">Kind</legend>
      {locked ? <p className="field__hint">The kind is chosen when the endpoint is created.</p> : null}
      <div className="choices">
        {KINDS.map((kind) => (
          <label key={kind.label} className={`choice${auth === kind.auth ? ' choice--on' : ''}`}>
            <input
              type="radio"
              name="kind"
              checked={auth === kind.auth}
              disabled={locked}
              onChange={() => onChange(kind.auth)}
            />
            <span>
              <span className="choice__label">{kind.label}</span>
              <span className="choice__hint">{kind.hint}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
