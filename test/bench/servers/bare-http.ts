/* The ceiling: node:http hello-world. `bare-http.ts <port>` */
import { createServer } from 'node:http';

const port = Number(process.argv[2]);
createServer((req, res) => {
  if (req.url === '/health') {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{"status":"ok"}');
    return;
  }
  res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end('Hello World');
}).listen(port, '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));
