// A stand-in JSONata worker for test/unit/jsonata-worker-env.test.ts: answers every job with its own environment.
process.send('ready');
process.on('message', (job) => process.send({ id: job.id, ok: true, json: JSON.stringify(process.env) }));
