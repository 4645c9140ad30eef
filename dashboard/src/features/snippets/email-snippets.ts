import { Q } from '@rested/shared';
import { CURL_JSON, curl, curlOriginArg, json, jsObject, url } from './snippet-helpers';
import type { Snippet, SnippetContext } from './snippet-types';

const EMAIL = 'ada@example.com';
const TEMPLATE = 'reset-password';
const VERIFY_TEMPLATE = 'verify-email';

/** A POST of a JSON body in each language, answering nothing to read (202 or 204). */
function post(ctx: SnippetContext, params: Record<string, string>, body: Record<string, string>, jsBody = jsObject(body)): Snippet['code'] {
  const target = url(ctx, params);
  return {
    curl: curl('POST', target, CURL_JSON, curlOriginArg(ctx), `-d '${json(body)}'`),
    fetch: `const res = await fetch('${target}', {
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(${jsBody}),
});
if (!res.ok) throw new Error((await res.json()).error.message);`,
    axios: `await axios.post('${target}', ${jsBody});`,
  };
}

/** Password reset and email verification (docs/password-reset.md), with the project's email templates. */
export function emailSnippets(ctx: SnippetContext): Snippet[] {
  const reset = { [Q.passwordreset]: 'true' };
  const verify = { [Q.verifyemail]: 'true' };
  return [
    {
      operation: 'reset-request',
      title: 'Ask for a password reset email',
      description: `Always 202, whether or not a user has the email. The template (Email tab) links to your page with {{verificationtoken}}.`,
      code: post(ctx, reset, { email: EMAIL, templateName: TEMPLATE }),
    },
    {
      operation: 'reset-confirm',
      title: 'Set the new password (on the page the link opens)',
      description: '204: the password is replaced and every session of the user ends. 400 invalid_reset_token for a used, expired or replaced link.',
      code: post(ctx, reset, { token: 'TOKEN_FROM_THE_LINK', password: 'a-new-password' },
        `{ token: new URLSearchParams(location.search).get('token'), password: newPassword }`),
    },
    {
      operation: 'verify-request',
      title: 'Send a verification email',
      description: `Always 202. Or register with &${Q.sendVerification}=${VERIFY_TEMPLATE} to send it in the same call.`,
      code: post(ctx, verify, { email: EMAIL, templateName: VERIFY_TEMPLATE }),
    },
    {
      operation: 'verify-confirm',
      title: 'Confirm the email (on the page the link opens)',
      description: "204: the user's record has emailVerified: true. 400 invalid_verification_token otherwise.",
      code: post(ctx, verify, { token: 'TOKEN_FROM_THE_LINK' }, `{ token: new URLSearchParams(location.search).get('token') }`),
    },
  ];
}
