import { CURL_JSON, curl, curlOriginArg, ID_PLACEHOLDER, json, jsObject, jsUrlWithId, url } from './snippet-helpers';
import type { Snippet, SnippetContext } from './snippet-types';

const SAMPLE = { title: 'Buy milk', done: false };
const UPDATE = { title: 'Buy oat milk', done: true };

function tokenBits(ctx: SnippetContext) {
  return {
    curl: ctx.secure ? `-H "Authorization: Bearer $TOKEN"` : null,
    fetchNote: ctx.secure
      ? '  // secure endpoint: sends the login cookie; in header mode send an Authorization: token header instead\n'
      : '',
    axiosNote: ctx.secure ? ' // header mode: add headers: { Authorization: token }' : '',
  };
}

export function dataSnippets(ctx: SnippetContext): Snippet[] {
  const t = tokenBits(ctx);
  const origin = curlOriginArg(ctx);
  const idNote = `const uniqueId = '${ID_PLACEHOLDER}'; // the record's uniqueId`;
  return [
    {
      operation: 'create',
      title: 'Create a record',
      description: 'POST any JSON value; answers 201 with the record envelope {uniqueId, data, createdAt, updatedAt}.',
      code: {
        curl: curl('POST', url(ctx), CURL_JSON, t.curl, origin, `-d '${json(SAMPLE)}'`),
        fetch: `const res = await fetch('${url(ctx)}', {
  method: 'POST',
  credentials: 'include',
${t.fetchNote}  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(${jsObject(SAMPLE)}),
});
const record = await res.json(); // { uniqueId, data, createdAt, updatedAt }`,
        axios: `const { data: record } = await axios.post(
  '${url(ctx)}',
  ${jsObject(SAMPLE)},
  { withCredentials: true },${t.axiosNote}
);`,
      },
    },
    {
      operation: 'read',
      title: 'Read records',
      description: `GET answers the first page: 100 records, oldest first (an array; &limit= up to 1000). Add &uniqueId=… for one record. A page that is not the last carries X-Next-Cursor: see "Read every page".`,
      code: {
        curl: curl('GET', url(ctx), t.curl, origin),
        fetch: `const res = await fetch('${url(ctx)}', {
  credentials: 'include',
${t.fetchNote}});
const records = await res.json(); // [{ uniqueId, data, createdAt, updatedAt }, …]`,
        axios: `const { data: records } = await axios.get('${url(ctx)}', {
  withCredentials: true,${t.axiosNote}
});`,
      },
    },
    querySnippet(ctx, t, origin),
    readAllSnippet(ctx, t),
    {
      operation: 'update',
      title: 'Update a record',
      description: 'PUT replaces the data of the record uniqueId; add &strategy=merge to merge into an object instead.',
      code: {
        curl: curl('PUT', url(ctx, { uniqueId: ID_PLACEHOLDER }), CURL_JSON, t.curl, origin, `-d '${json(UPDATE)}'`),
        fetch: `${idNote}
const res = await fetch(${jsUrlWithId(ctx)}, {
  method: 'PUT',
  credentials: 'include',
${t.fetchNote}  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(${jsObject(UPDATE)}),
});
const updated = await res.json();`,
        axios: `${idNote}
const { data: updated } = await axios.put(
  ${jsUrlWithId(ctx)},
  ${jsObject(UPDATE)},
  { withCredentials: true },${t.axiosNote}
);`,
      },
    },
    {
      operation: 'delete',
      title: 'Delete a record',
      description: 'DELETE the record uniqueId; answers 204 with no body.',
      code: {
        curl: curl('DELETE', url(ctx, { uniqueId: ID_PLACEHOLDER }), t.curl, origin),
        fetch: `${idNote}
const res = await fetch(${jsUrlWithId(ctx)}, {
  method: 'DELETE',
  credentials: 'include',
${t.fetchNote}});
// res.status === 204`,
        axios: `${idNote}
await axios.delete(${jsUrlWithId(ctx)}, {
  withCredentials: true,${t.axiosNote}
});`,
      },
    },
  ];
}

const WHERE = { 'data.done': false };

/** `where` (in the database), `count` and `sort`: the matches, newest first, and how many there are. */
function querySnippet(ctx: SnippetContext, t: ReturnType<typeof tokenBits>, origin: string | null): Snippet {
  return {
    operation: 'query',
    title: 'Filter, sort and count',
    description: 'where filters in the database, over every record (MongoDB-style: $gt, $in, $contains, $or, …); count=true adds X-Total-Count, the number of matches. Past 10,000 records, index the fields you filter on (endpoint settings → Indexes).',
    code: {
      curl: curl('GET', url(ctx), '-G -D -', `--data-urlencode 'where=${json(WHERE)}'`, '-d sort=-createdAt -d count=true -d limit=20', t.curl, origin),
      fetch: `const where = { 'data.done': false };
const res = await fetch(\`${url(ctx)}&where=\${encodeURIComponent(JSON.stringify(where))}&sort=-createdAt&count=true&limit=20\`, {
  credentials: 'include',
${t.fetchNote}});
const open = await res.json(); // the first 20 matches, newest first
const total = Number(res.headers.get('X-Total-Count')); // every match`,
      axios: `const res = await axios.get('${url(ctx)}', {
  params: { where: JSON.stringify({ 'data.done': false }), sort: '-createdAt', count: true, limit: 20 },
  withCredentials: true,${t.axiosNote}
});
const open = res.data;
const total = Number(res.headers['x-total-count']);`,
    },
  };
}

/** The page loop: follow X-Next-Cursor until the last page, which carries none. */
function readAllSnippet(ctx: SnippetContext, t: ReturnType<typeof tokenBits>): Snippet {
  const loop = (get: string, cursor: string) => `const all = [];
let after = null;
do {
  ${get}
  after = ${cursor};
} while (after);`;
  return {
    operation: 'read-all',
    title: 'Read every page',
    description: 'A read answers one page; loop with after=<X-Next-Cursor> until a page comes without it. Works the same with where and sort.',
    code: {
      curl: `# each page's X-Next-Cursor header is the next page's after=
${curl('GET', url(ctx, { limit: '1000' }), '-D -', t.curl)}
${curl('GET', url(ctx, { limit: '1000', after: ID_PLACEHOLDER }), t.curl)}`,
      fetch: loop(`const res = await fetch(\`${url(ctx, { limit: '1000' })}\${after ? \`&after=\${after}\` : ''}\`, { credentials: 'include' });
  all.push(...(await res.json()));`, `res.headers.get('X-Next-Cursor')`),
      axios: loop(`const res = await axios.get('${url(ctx)}', { params: { limit: 1000, ...(after && { after }) }, withCredentials: true });${t.axiosNote}
  all.push(...res.data);`, `res.headers['x-next-cursor']`),
    },
  };
}
