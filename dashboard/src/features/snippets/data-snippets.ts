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
      description: `GET answers every record (an array); add &uniqueId=… for one record, or &limit=20&after=<uniqueId> to page.`,
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
