import { expect } from 'chai';
import { forEachAdapter } from '../helpers/adapters.js';
import { useApp } from '../helpers/app.js';
import { manualClock } from '../helpers/clock.js';
import { expectError } from '../helpers/errors.js';
import { seedRuntime } from '../helpers/runtime.js';

const TOKEN = 'metrics-token-0123456789';

forEachAdapter('GET /metrics', (adapter) => {
  describe('without METRICS_TOKEN', () => {
    const ctx = useApp(adapter);
    it('does not exist', async () => {
      const res = await ctx().http.get('/metrics').set('Authorization', `Bearer ${TOKEN}`);
      expect(res.status).to.equal(404);
      expect(res.text).to.not.include('rested_');
    });
  });

  describe('with METRICS_TOKEN', () => {
    const clock = manualClock(Date.UTC(2026, 5, 1, 12, 0, 10));
    const ctx = useApp(adapter, { config: { metricsToken: TOKEN }, clock });
    beforeEach(() => clock.reset());

    it('refuses a scrape without the bearer token or with another', async () => {
      expectError(await ctx().http.get('/metrics'), 401, 'unauthorized');
      expectError(await ctx().http.get('/metrics').set('Authorization', 'Bearer wrong-token-0123456789'), 401, 'unauthorized');
    });

    it("answers the last complete minute's requests and latency per project in the Prometheus text format", async () => {
      const f = await seedRuntime(ctx().storage, { endpoints: [{ name: 'items' }] });
      await ctx().http.get(f.url('items'));
      await ctx().http.get(f.url('items'));
      await ctx().http.get(f.url('nope'));
      clock.advance(60_000);
      const res = await ctx().http.get('/metrics').set('Authorization', `Bearer ${TOKEN}`);
      expect(res.status).to.equal(200);
      expect(res.headers['content-type']).to.match(/^text\/plain/);
      const p = f.project.id;
      expect(res.text).to.include(`rested_requests_last_minute{project="${p}",class="2xx",reason=""} 2`);
      expect(res.text).to.include(`rested_requests_last_minute{project="${p}",class="4xx",reason="invalid_key_or_endpoint"} 1`);
      expect(res.text).to.match(new RegExp(`rested_request_latency_seconds\\{project="${p}",quantile="0.99"\\} [0-9.e-]+`));
      expect(res.text).to.include(`rested_metrics_minute_timestamp_seconds ${Date.UTC(2026, 5, 1, 12, 0) / 1000}`);
    });
  });
});
