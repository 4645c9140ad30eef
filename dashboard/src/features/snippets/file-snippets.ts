import { Q } from '@rested/shared';
import { curl, curlOriginArg, ID_PLACEHOLDER, jsUrlWithId, url } from './snippet-helpers';
import type { Snippet, SnippetContext } from './snippet-types';

/* "Use it" for file endpoints (docs/file-endpoints.md): upload, <img>, <video>, download, delete. */

function tokenBits(ctx: SnippetContext) {
  return {
    curl: ctx.secure ? `-H "Authorization: Bearer $TOKEN"` : null,
    fetchNote: ctx.secure ? '  // secure endpoint: sends the login cookie (or send an Authorization: token header)\n' : '',
    axiosNote: ctx.secure ? '\n  // header mode: headers: { Authorization: token },' : '',
    mediaNote: ctx.secure
      ? '<!-- secure endpoint: works when the user logged in with the access-token cookie (the default) -->\n'
      : '',
  };
}

const idNote = `const uniqueId = '${ID_PLACEHOLDER}'; // the file record's uniqueId`;

function uploadSnippet(ctx: SnippetContext, t: ReturnType<typeof tokenBits>): Snippet {
  return {
    operation: 'upload',
    title: 'Upload files',
    description: 'POST multipart/form-data: up to 10 parts named "file"; other fields become metadata. Answers 201 with an array of records.',
    code: {
      curl: curl('POST', url(ctx), t.curl, curlOriginArg(ctx), '-F file=@photo.jpg', '-F album=summer'),
      fetch: `const form = new FormData();
form.append('file', input.files[0]); // an <input type="file">; append more for several files
form.append('album', 'summer');
const res = await fetch('${url(ctx)}', {
  method: 'POST',
  credentials: 'include',
${t.fetchNote}  body: form, // no Content-Type header: the browser sets the multipart boundary
});
const [record] = await res.json(); // [{ uniqueId, data: { file: { name, type, size, sha256 }, metadata } }]`,
      axios: `const form = new FormData();
form.append('file', input.files[0]);
form.append('album', 'summer');
const { data: records } = await axios.post('${url(ctx)}', form, {
  withCredentials: true,${t.axiosNote}
  onUploadProgress: (e) => console.log(Math.round((100 * e.loaded) / (e.total ?? e.loaded)), '%'),
});`,
    },
  };
}

function mediaSnippet(ctx: SnippetContext, t: ReturnType<typeof tokenBits>, tag: 'img' | 'video'): Snippet {
  const src = url(ctx, { [Q.fileOnly]: 'true', ...(tag === 'video' ? { [Q.stream]: 'true' } : {}), [Q.uniqueId]: ID_PLACEHOLDER });
  const html = tag === 'img' ? `<img src="${src}" alt="">` : `<video controls src="${src}"></video>`;
  return {
    operation: tag,
    title: tag === 'img' ? 'Show an image' : 'Play a video',
    description:
      tag === 'img'
        ? 'fileOnly=true answers the file itself, usable as <img src>.'
        : 'Range requests are served (206), so the video can seek; stream=true is accepted and optional.',
    code: {
      curl: curl('GET', src, t.curl, curlOriginArg(ctx), tag === 'video' ? "-H 'Range: bytes=0-1048575'" : null, '-o file'),
      fetch: `${t.mediaNote}${html}`,
      axios: `${t.mediaNote}${html}`,
    },
  };
}

function downloadSnippet(ctx: SnippetContext, t: ReturnType<typeof tokenBits>): Snippet {
  const jsUrl = jsUrlWithId(ctx).replace('?key=', `?${Q.fileOnly}=true&key=`);
  return {
    operation: 'download',
    title: 'Download a file',
    description: 'The bytes with Content-Type, Content-Length, ETag and Content-Disposition; If-None-Match answers 304.',
    code: {
      curl: curl('GET', url(ctx, { [Q.fileOnly]: 'true', [Q.uniqueId]: ID_PLACEHOLDER }), t.curl, curlOriginArg(ctx), '-OJ'),
      fetch: `${idNote}
const res = await fetch(${jsUrl}, {
  credentials: 'include',
${t.fetchNote}});
const blob = await res.blob();`,
      axios: `${idNote}
const { data: blob } = await axios.get(${jsUrl}, {
  withCredentials: true,${t.axiosNote}
  responseType: 'blob',
});`,
    },
  };
}

function deleteSnippet(ctx: SnippetContext, t: ReturnType<typeof tokenBits>): Snippet {
  return {
    operation: 'delete',
    title: 'Delete a file',
    description: 'DELETE the record uniqueId: its bytes go with it; answers 204.',
    code: {
      curl: curl('DELETE', url(ctx, { uniqueId: ID_PLACEHOLDER }), t.curl, curlOriginArg(ctx)),
      fetch: `${idNote}
await fetch(${jsUrlWithId(ctx)}, { method: 'DELETE', credentials: 'include' });`,
      axios: `${idNote}
await axios.delete(${jsUrlWithId(ctx)}, { withCredentials: true });`,
    },
  };
}

export function fileSnippets(ctx: SnippetContext): Snippet[] {
  const t = tokenBits(ctx);
  return [uploadSnippet(ctx, t), mediaSnippet(ctx, t, 'img'), mediaSnippet(ctx, t, 'video'), downloadSnippet(ctx, t), deleteSnippet(ctx, t)];
}
