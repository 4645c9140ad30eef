import { LANGS, type Lang } from './snippet-types';

/** Segmented control (native radios, so arrow keys work) choosing the snippet language. */
export function LangSwitch({ value, onChange }: { value: Lang; onChange: (lang: Lang) => void }) {
  return (
    <fieldset className="segmented">
      <legend className="visually-hidden">Snippet language</legend>
      {LANGS.map((lang) => (
        <label key={lang} className={`segmented__option${value === lang ? ' segmented__option--on' : ''}`}>
          <input type="radio" name="snippet-lang" value={lang} checked={value === lang} onChange={() => onChange(lang)} />
          <span>{lang}</span>
        </label>
      ))}
    </fieldset>
  );
}
