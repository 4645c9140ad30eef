import { CodeBlock } from '../../components/CodeBlock';
import { LANGS, type Lang, type Snippet } from './snippet-types';

/** One operation; every language is rendered (test ids stay stable), only the chosen one is shown. */
export function SnippetCard({ snippet, lang }: { snippet: Snippet; lang: Lang }) {
  const headingId = `snippet-${snippet.operation}-title`;
  return (
    <article className="card snippet" aria-labelledby={headingId}>
      <h3 id={headingId} className="snippet__title">
        {snippet.title}
      </h3>
      <p className="snippet__desc">{snippet.description}</p>
      {LANGS.map((l) => (
        <CodeBlock
          key={l}
          code={snippet.code[l]}
          label={`${snippet.title} with ${l}`}
          caption={l}
          testId={`snippet-${snippet.operation}-${l}`}
          hidden={l !== lang}
        />
      ))}
    </article>
  );
}
