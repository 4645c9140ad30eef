import type { Endpoint, Project } from '@rested/shared';
import type { Lang } from './snippet-types';

/** What a developer needs to know before pasting the snippets. */
export function UseNotes({ project, endpoint, lang }: { project: Project; endpoint: Endpoint; lang: Lang }) {
  const origins = project.allowedOrigins;
  return (
    <ul className="notes">
      <li>
        {origins.length === 0 ? (
          <>Any website may call this endpoint from a browser (the project allows every origin).</>
        ) : (
          <>
            Browsers may call it only from {origins.map((o, i) => (
              <span key={o}>
                {i > 0 ? ', ' : ''}
                <code>{o}</code>
              </span>
            ))}
            .
          </>
        )}
        {project.disallowNoOrigin ? ' Requests without an Origin header are rejected, so the curl lines send one.' : ''}
      </li>
      {endpoint.auth ? (
        <li>
          Cookie mode works in browsers on the same site as this server, and cross-site in browsers with partitioned
          cookies; in Safari, mobile apps and servers use header mode (<code>noATCookie=true</code>).
        </li>
      ) : null}
      {endpoint.secure && !endpoint.auth ? (
        <li>
          This endpoint is <strong>secure</strong>: log a user in through an auth endpoint of this project first. The
          cookie is sent with <code>credentials: &apos;include&apos;</code>; in header mode send{' '}
          <code>Authorization: Bearer &lt;token&gt;</code>.
        </li>
      ) : null}
      {endpoint.files ? (
        <li>
          Files: up to 10 per upload in the field <code>file</code>, each up to the endpoint&apos;s largest size; other
          form fields become <code>metadata</code>.{' '}
          {endpoint.secure ? 'In <img> and <video> only the login cookie is sent, never a header: use cookie mode.' : ''}
        </li>
      ) : null}
      {lang === 'axios' ? (
        <li>
          The axios snippets assume <code>npm install axios</code> and <code>import axios from &apos;axios&apos;</code>.
        </li>
      ) : null}
    </ul>
  );
}
