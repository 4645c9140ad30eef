/* The ceiling the targets are measured against: Koa 3 hello-world. `bare-koa.ts <port>` */
import Koa from 'koa';

const port = Number(process.argv[2]);
const app = new Koa();
app.use((ctx) => {
  ctx.body = ctx.path === '/health' ? { status: 'ok' } : 'Hello World';
});
app.listen(port, '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));
