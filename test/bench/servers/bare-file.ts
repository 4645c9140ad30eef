/* The ceiling of a download: node:http streaming one file from disk, nothing else. `bare-file.ts <port> <file>` */
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { pipeline } from 'node:stream';

const [port, file] = [Number(process.argv[2]), process.argv[3]!];
createServer((req, res) => {
  if (req.url === '/health') {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{"status":"ok"}');
    return;
  }
  res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': statSync(file).size });
  pipeline(createReadStream(file), res, () => undefined);
}).listen(port, '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));
