// A stand-in JSONata worker for test/unit/jsonata-worker-env.test.ts: answers every job with its own environment and CPU priority.
import { getPriority } from 'node:os';

process.send('ready');
process.on('message', (job) => process.send({ id: job.id, ok: true, json: JSON.stringify({ env: process.env, nice: getPriority() }) }));
