import { CopyButton } from '../../components/CopyButton';

/** The freshly created master key: shown this once. */
export function MasterKeyReveal({ masterKey, onDone }: { masterKey: string; onDone: () => void }) {
  return (
    <div className="reveal" role="region" aria-label="New master key">
      <p className="reveal__warn">
        <strong>Copy it now: you will not see it again.</strong> rested stores only a hash of it. Keep it on your
        servers; never put it in a web or mobile app.
      </p>
      <div className="keybox">
        <code className="keybox__value" data-testid="master-key" aria-label="Master key">
          {masterKey}
        </code>
        <CopyButton text={masterKey} label="Copy master key" />
      </div>
      <div className="actions">
        <button type="button" className="btn" onClick={onDone}>
          I have copied it
        </button>
      </div>
    </div>
  );
}
