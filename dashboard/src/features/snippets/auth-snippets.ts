import { Q } from '@rested/shared';
import { CURL_JSON, curl, curlOriginArg, json, jsObject, url } from './snippet-helpers';
import type { Snippet, SnippetContext } from './snippet-types';

const CREDENTIALS = { email: 'ada@example.com', password: 'correct-horse-battery' };
const JAR = 'cookies.txt';

export function authSnippets(ctx: SnippetContext): Snippet[] {
  const origin = curlOriginArg(ctx);
  const loginUrl = url(ctx, { [Q.login]: 'true' });
  const headerLoginUrl = url(ctx, { [Q.login]: 'true', [Q.noATCookie]: 'true' });
  const logoutUrl = url(ctx, { [Q.logout]: 'true' });
  const body = jsObject(CREDENTIALS);
  return [
    {
      operation: 'register',
      title: 'Register a user',
      description: 'POST {email or username, password, …any other fields}; answers 201 with the user record (never the password).',
      code: {
        curl: curl('POST', url(ctx), CURL_JSON, origin, `-d '${json(CREDENTIALS)}'`),
        fetch: `const res = await fetch('${url(ctx)}', {
  method: 'POST',
  credentials: 'include',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(${body}),
});
const user = await res.json(); // { uniqueId, data: { email, … }, createdAt, updatedAt }`,
        axios: `const { data: user } = await axios.post('${url(ctx)}', ${body}, { withCredentials: true });`,
      },
    },
    {
      operation: 'login',
      title: 'Log in (cookie mode)',
      description: 'The access token arrives as an HttpOnly cookie; later calls with credentials send it automatically.',
      code: {
        curl: curl('POST', loginUrl, CURL_JSON, origin, `-c ${JAR}`, `-d '${json(CREDENTIALS)}'`),
        fetch: `const res = await fetch('${loginUrl}', {
  method: 'POST',
  credentials: 'include', // needed to receive and later send the cookie
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(${body}),
});
const user = await res.json();`,
        axios: `const { data: user } = await axios.post('${loginUrl}', ${body}, { withCredentials: true });`,
      },
    },
    {
      operation: 'login-header',
      title: 'Log in (header mode, noATCookie=true)',
      description:
        'No cookie: the token comes back in the Authorization response header. Keep it and send it as the Authorization header (for Safari, mobile and server apps).',
      code: {
        curl: `${curl('POST', headerLoginUrl, CURL_JSON, origin, '-D -', `-d '${json(CREDENTIALS)}'`)}
# the answer's "Authorization: Bearer …" header holds the token:
# TOKEN='<the jwt>'`,
        fetch: `const res = await fetch('${headerLoginUrl}', {
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(${body}),
});
const token = res.headers.get('Authorization'); // "Bearer eyJ…"
const user = await res.json();`,
        axios: `const res = await axios.post('${headerLoginUrl}', ${body});
const token = res.headers['authorization']; // "Bearer eyJ…"
const user = res.data;`,
      },
    },
    {
      operation: 'me',
      title: 'Current user',
      description: 'GET answers the logged-in user’s own record, or 401 when nobody is logged in.',
      code: {
        curl: `${curl('GET', url(ctx), origin, `-b ${JAR}`)}
# header mode: replace -b ${JAR} with -H "Authorization: Bearer $TOKEN"`,
        fetch: `const res = await fetch('${url(ctx)}', {
  credentials: 'include', // cookie mode
  // header mode instead: headers: { Authorization: token },
});
const me = res.ok ? await res.json() : null;`,
        axios: `const { data: me } = await axios.get('${url(ctx)}', {
  withCredentials: true, // cookie mode
  // header mode instead: headers: { Authorization: token },
});`,
      },
    },
    {
      operation: 'logout',
      title: 'Log out',
      description: 'Revokes this session and clears the cookie (204). Add &scope=all to log out on every device.',
      code: {
        curl: `${curl('POST', logoutUrl, origin, `-b ${JAR}`, `-c ${JAR}`)}
# header mode: replace the cookie jar with -H "Authorization: Bearer $TOKEN"`,
        fetch: `await fetch('${logoutUrl}', {
  method: 'POST',
  credentials: 'include', // cookie mode
  // header mode instead: headers: { Authorization: token },
});`,
        axios: `await axios.post('${logoutUrl}', null, {
  withCredentials: true, // cookie mode
  // header mode instead: headers: { Authorization: token },
});`,
      },
    },
  ];
}
