import { expect } from 'chai';
import { forEachAdapter } from '../helpers/adapters.js';
import { useApp } from '../helpers/app.js';
import { C, PASSWORD, signUpOwner, signUpOwnerWithCookie, uniqueEmail } from '../helpers/console.js';
import { expectError } from '../helpers/errors.js';
import { bearer } from '../helpers/headers.js';

/** The console as the browser sees it: https://console.example (Host header), via the trusted proxy. */
const HOST = 'console.example';
const OWN_ORIGIN = `https://${HOST}`;

forEachAdapter('console API: CSRF protection', (adapter) => {
  const ctx = useApp(adapter);

  async function setup() {
    const { cookie } = await signUpOwnerWithCookie(ctx().http);
    const project = await ctx().http.post(`${C}/projects`).set('Cookie', cookie).send({ name: 'CSRF target' });
    expect(project.status).to.equal(201);
    return { cookie, projectId: project.body.id as string, apiKey: project.body.apiKey as string };
  }

  describe('state-changing requests authenticated by the cookie', () => {
    const foreignOrigins = ['https://evil.example', `http://${HOST}`, `https://${HOST}:8443`, 'null'];
    for (const origin of foreignOrigins) {
      it(`refuses Origin ${origin} with 403 csrf_rejected and changes nothing`, async () => {
        const { cookie, projectId, apiKey } = await setup();
        const attempts = [
          ctx().http.post(`${C}/projects`).send({ name: 'Forged project' }),
          ctx().http.patch(`${C}/projects/${projectId}`).send({ name: 'Forged name' }),
          ctx().http.post(`${C}/projects/${projectId}/api-key`),
          ctx().http.delete(`${C}/projects/${projectId}`),
          ctx().http.post(`${C}/auth/logout`),
        ];
        for (const attempt of attempts) {
          expectError(await attempt.set('Host', HOST).set('Cookie', cookie).set('Origin', origin), 403, 'csrf_rejected');
        }
        const after = await ctx().http.get(`${C}/projects`).set('Cookie', cookie);
        expect(after.body).to.have.length(1);
        expect(after.body[0]).to.include({ name: 'CSRF target', apiKey });
      });
    }

    const formTypes = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'];
    for (const type of formTypes) {
      it(`refuses a body of type ${type.split(';')[0]} (what an HTML form can send) with 403 csrf_rejected`, async () => {
        const { cookie, projectId } = await setup();
        const res = await ctx().http.patch(`${C}/projects/${projectId}`).set('Cookie', cookie).set('Content-Type', type).send('name=Forged');
        expectError(res, 403, 'csrf_rejected');
        const project = await ctx().http.get(`${C}/projects/${projectId}`).set('Cookie', cookie);
        expect(project.body.name).to.equal('CSRF target');
      });
    }

    it('accepts JSON from the console’s own origin', async () => {
      const { cookie, projectId } = await setup();
      const res = await ctx().http.patch(`${C}/projects/${projectId}`).set('Host', HOST).set('Cookie', cookie).set('Origin', OWN_ORIGIN).send({ name: 'Renamed' });
      expect(res.status).to.equal(200);
      expect(res.body.name).to.equal('Renamed');
    });

    it('compares against the host forwarded by a trusted proxy', async () => {
      const { cookie, projectId } = await setup();
      const res = await ctx().http
        .patch(`${C}/projects/${projectId}`)
        .set('X-Forwarded-Host', 'admin.example')
        .set('Cookie', cookie)
        .set('Origin', 'https://ADMIN.example')
        .send({ name: 'Renamed' });
      expect(res.status).to.equal(200);
    });

    it('accepts requests without an Origin header (scripts) and bodiless requests without Content-Type', async () => {
      const { cookie, projectId } = await setup();
      expect((await ctx().http.patch(`${C}/projects/${projectId}`).set('Cookie', cookie).send({ name: 'Renamed' })).status).to.equal(200);
      expect((await ctx().http.post(`${C}/projects/${projectId}/api-key`).set('Cookie', cookie)).status).to.equal(200);
      expect((await ctx().http.delete(`${C}/projects/${projectId}`).set('Cookie', cookie).set('Origin', OWN_ORIGIN).set('Host', HOST)).status).to.equal(204);
    });

    it('lets reads through whatever the Origin (the browser keeps cross-site answers from the page)', async () => {
      const { cookie } = await setup();
      const res = await ctx().http.get(`${C}/projects`).set('Cookie', cookie).set('Origin', 'https://evil.example');
      expect(res.status).to.equal(200);
      expect(res.headers).to.not.have.property('access-control-allow-origin');
    });
  });

  describe('requests with a Bearer token', () => {
    it('are exempt: a foreign Origin and a non-JSON content type pass the guard', async () => {
      const owner = await signUpOwner(ctx().http);
      const created = await ctx().http.post(`${C}/projects`).set(owner.auth).set('Origin', 'https://evil.example').send({ name: 'Scripted' });
      expect(created.status).to.equal(201);
      const rotated = await ctx().http
        .post(`${C}/projects/${created.body.id}/api-key`)
        .set(owner.auth)
        .set('Origin', 'https://evil.example')
        .set('Content-Type', 'text/plain');
      expect(rotated.status).to.equal(200);
      // The body parser still wants JSON where a body is read.
      const patched = await ctx().http.patch(`${C}/projects/${created.body.id}`).set(bearer(owner.token)).type('text/plain').send('x');
      expectError(patched, 415, 'unsupported_media_type');
    });
  });

  describe('logging in from another site', () => {
    it('is refused when the Origin is foreign (no login CSRF)', async () => {
      const email = uniqueEmail();
      await signUpOwner(ctx().http, email);
      const res = await ctx().http.post(`${C}/auth/login`).set('Host', HOST).set('Origin', 'https://evil.example').send({ email, password: PASSWORD });
      expectError(res, 403, 'csrf_rejected');
      const own = await ctx().http.post(`${C}/auth/login`).set('Host', HOST).set('Origin', OWN_ORIGIN).send({ email, password: PASSWORD });
      expect(own.status).to.equal(200);
    });
  });
});
