import { useState } from 'react';
import { RUNTIME_PREFIX, type Endpoint, type Project } from '@rested/shared';
import { CopyButton } from '../../components/CopyButton';
import { CookieTransportBanner } from './CookieTransportBanner';
import { authSnippets } from './auth-snippets';
import { dataSnippets } from './data-snippets';
import { emailSnippets } from './email-snippets';
import { fileSnippets } from './file-snippets';
import { LangSwitch } from './LangSwitch';
import { originForCurl, url } from './snippet-helpers';
import type { Lang, SnippetContext } from './snippet-types';
import { SnippetCard } from './SnippetCard';
import { UseNotes } from './UseNotes';

export function UsePanel({ project, endpoint }: { project: Project; endpoint: Endpoint }) {
  const [lang, setLang] = useState<Lang>('fetch');
  const baseUrl = window.location.origin;
  const ctx: SnippetContext = {
    baseUrl,
    endpointName: endpoint.name,
    apiKey: project.apiKey,
    secure: endpoint.secure && !endpoint.auth,
    curlOrigin: originForCurl(project, baseUrl),
  };
  const snippets = endpoint.auth ? [...authSnippets(ctx), ...emailSnippets(ctx)] : endpoint.files ? fileSnippets(ctx) : dataSnippets(ctx);
  const endpointUrl = url(ctx);

  return (
    <section className="stack" aria-labelledby="use-title">
      <div className="section-head">
        <h2 id="use-title" className="section-title">
          Use it
        </h2>
        <LangSwitch value={lang} onChange={setLang} />
      </div>
      {endpoint.auth || endpoint.secure ? <CookieTransportBanner projectId={project.id} /> : null}
      <div className="card stack">
        <div className="field">
          <span className="field__label" id="endpoint-url-label">
            Endpoint URL
          </span>
          <div className="keybox">
            <code className="keybox__value" data-testid="endpoint-url" aria-labelledby="endpoint-url-label">
              {endpointUrl}
            </code>
            <CopyButton text={endpointUrl} label="Copy endpoint URL" />
          </div>
          <p className="field__hint">
            Base URL <code>{baseUrl}</code>, path <code>{`${RUNTIME_PREFIX}/${endpoint.name}`}</code>, and the
            project&apos;s API key as <code>?key=</code>.
          </p>
        </div>
        <UseNotes project={project} endpoint={endpoint} lang={lang} />
      </div>
      <div className="snippets">
        {snippets.map((snippet) => (
          <SnippetCard key={snippet.operation} snippet={snippet} lang={lang} />
        ))}
      </div>
    </section>
  );
}
