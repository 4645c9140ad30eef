import type { AccessOptions } from '@rested/shared';
import { CheckboxField } from '../../components/Field';

const OPTIONS: { key: keyof AccessOptions; label: string }[] = [
  { key: 'readOthers', label: "Users may read other users' records" },
  { key: 'updateOthers', label: "Users may update other users' records" },
  { key: 'deleteOthers', label: "Users may delete other users' records" },
];

export function AccessFields({ value, onChange }: { value: AccessOptions; onChange: (value: AccessOptions) => void }) {
  return (
    <fieldset className="fieldset">
      <legend className="field__label">Access</legend>
      <p className="field__hint">By default a record is private to the user who created it.</p>
      {OPTIONS.map((option) => (
        <CheckboxField
          key={option.key}
          label={option.label}
          checked={value[option.key]}
          onChange={(e) => onChange({ ...value, [option.key]: e.target.checked })}
        />
      ))}
    </fieldset>
  );
}
