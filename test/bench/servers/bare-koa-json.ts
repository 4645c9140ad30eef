/*
 * A second ceiling: Koa answering what the gate-only case answers (10 records as JSON, with the
 * same CORS and request-id headers), built anew per request, but from memory instead of a database.
 * The gap between this and rested's gate-only read is rested's own work. `bare-koa-json.ts <port>`
 */
import { randomUUID } from 'node:crypto';
import Koa from 'koa';

const port = Number(process.argv[2]);
const stored = Array.from({ length: 10 }, (_, n) => ({
  uniqueId: randomUUID().replaceAll('-', ''),
  data: JSON.stringify({ n, title: `Small ${n}` }),
  createdAt: Date.now(),
}));
const app = new Koa();
app.use((ctx) => {
  if (ctx.path === '/health') {
    ctx.body = { status: 'ok' };
    return;
  }
  const origin = ctx.get('Origin');
  if (origin) {
    ctx.set('Access-Control-Allow-Origin', origin);
    ctx.set('Access-Control-Allow-Credentials', 'true');
    ctx.set('Access-Control-Expose-Headers', 'Authorization, X-Request-Id, X-Total-Count, Retry-After');
  }
  ctx.vary('Origin');
  ctx.set('X-Request-Id', randomUUID());
  ctx.type = 'application/json';
  ctx.body = JSON.stringify(
    stored.map((r) => ({ uniqueId: r.uniqueId, data: JSON.parse(r.data), createdAt: new Date(r.createdAt).toISOString(), updatedAt: new Date(r.createdAt).toISOString() })),
  );
});
app.listen(port, '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));
