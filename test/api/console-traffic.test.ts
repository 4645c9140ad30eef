import { expect } from 'chai';
import type { TrafficSeries } from '@rested/shared';
import { forEachAdapter } from '../helpers/adapters.js';
import { useApp } from '../helpers/app.js';
import { C, newProject, signUpOwner, type SignedUp } from '../helpers/console.js';
import { expectError } from '../helpers/errors.js';
import { appOn } from '../helpers/app.js';
import { ce, createRecord } from '../helpers/runtime.js';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

forEachAdapter('console API: traffic and the error log', (adapter) => {
  const ctx = useApp(adapter);
  let owner: SignedUp;
  let projectId: string;
  let key: string;
  beforeEach(async () => {
    owner = await signUpOwner(ctx().http);
    const project = await newProject(ctx().http, owner, { allowedOrigins: ['https://app.example'] });
    ({ id: projectId, apiKey: key } = project);
    expect((await ctx().http.post(`${C}/projects/${projectId}/endpoints`).set(owner.auth).send({ name: 'items' })).status).to.equal(201);
  });
  const traffic = async (range = 'hour'): Promise<TrafficSeries> => {
    const res = await ctx().http.get(`${C}/projects/${projectId}/traffic?range=${range}`).set(owner.auth);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    return res.body as TrafficSeries;
  };

  it('counts the requests of the last hour by outcome and reason, with latency percentiles', async () => {
    await createRecord(ctx(), ce('items', { key }), { n: 1 });
    await ctx().http.get(ce('items', { key }));
    await ctx().http.get(ce('items', { key })).set('Origin', 'https://evil.example');
    await ctx().http.get(ce('itemz', { key }));
    await ctx().http.get(ce('items', {}));
    const series = await traffic();
    expect(series.times).to.have.length(60);
    expect(series.stepSeconds).to.equal(60);
    expect(sum(series.ok)).to.equal(2);
    expect(Object.fromEntries(Object.entries(series.clientErrors).map(([r, xs]) => [r, sum(xs)]))).to.deep.equal({ origin_not_allowed: 1, invalid_key_or_endpoint: 1 });
    expect(series.totals).to.deep.equal({ requests: 4, ok: 2, clientErrors: 2, serverErrors: 0 });
    const last = series.p50Ms.length - 1;
    expect(series.p50Ms[last]).to.be.a('number');
    expect(series.p99Ms[last]).to.be.at.least(series.p50Ms[last]!);
    expect(series.p50Ms[0]).to.equal(null);
  });

  it('adds up the counts of two server instances on one database', async () => {
    const second = appOn(ctx().storage);
    try {
      await ctx().http.get(ce('items', { key }));
      await second.http.get(ce('items', { key }));
      await second.http.get(ce('items', { key }));
      await second.app.shutdown();
      expect(sum((await traffic()).ok)).to.equal(3);
    } finally {
      await second.app.shutdown();
    }
  });

  it('answers a day in 10-minute steps and a week in hours, and refuses another range', async () => {
    expect(await traffic('day')).to.include({ stepSeconds: 600 }).and.have.nested.property('times.length', 144);
    expect(await traffic('week')).to.include({ stepSeconds: 3600 }).and.have.nested.property('times.length', 168);
    expectError(await ctx().http.get(`${C}/projects/${projectId}/traffic?range=year`).set(owner.auth), 400, 'invalid_parameter');
  });

  it('logs errors with method, endpoint, status, reason, origin and request id, never the key, filterable', async () => {
    const refused = await ctx().http.get(ce('items', { key, masterKey: 'f'.repeat(32) })).set('Origin', 'https://app.example').set('Authorization', 'Bearer secret-token');
    await ctx().http.post(ce('items', { key })).set('Origin', 'https://evil.example').send({ password: 'hunter2' });
    await ctx().http.get(ce('itemz', { key }));
    const res = await ctx().http.get(`${C}/projects/${projectId}/request-errors`).set(owner.auth);
    expect(res.status).to.equal(200);
    expect(res.body.errors.map((e: { reason: string }) => e.reason)).to.deep.equal(['invalid_key_or_endpoint', 'origin_not_allowed', 'unauthorized']);
    expect(res.body.errors[2]).to.deep.include({ method: 'GET', endpoint: 'items', status: 401, origin: 'https://app.example', requestId: refused.headers['x-request-id'] });
    expect(res.body.errors[0]).to.include({ endpoint: 'itemz', origin: '' });
    const text = JSON.stringify(res.body);
    for (const secret of [key, 'secret-token', 'hunter2', 'f'.repeat(32)]) expect(text).to.not.include(secret);
    const byReason = await ctx().http.get(`${C}/projects/${projectId}/request-errors?reason=origin_not_allowed`).set(owner.auth);
    expect(byReason.body.errors).to.have.length(1);
    expect(byReason.body.errors[0]).to.include({ method: 'POST', status: 403, origin: 'https://evil.example' });
    const byEndpoint = await ctx().http.get(`${C}/projects/${projectId}/request-errors?endpoint=itemz`).set(owner.auth);
    expect(byEndpoint.body.errors.map((e: { reason: string }) => e.reason)).to.deep.equal(['invalid_key_or_endpoint']);
    expectError(await ctx().http.get(`${C}/projects/${projectId}/request-errors?limit=0`).set(owner.auth), 400, 'invalid_parameter');
  });

  it("answers another owner's project with 404 project_not_found and no owner with 401", async () => {
    const stranger = await signUpOwner(ctx().http);
    for (const path of ['traffic', 'request-errors']) {
      expectError(await ctx().http.get(`${C}/projects/${projectId}/${path}`).set(stranger.auth), 404, 'project_not_found');
      expectError(await ctx().http.get(`${C}/projects/${projectId}/${path}`), 401, 'unauthorized');
    }
  });
});
