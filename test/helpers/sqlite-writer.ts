/* A separate process writing to a shared SQLite file: `sqlite-writer.ts <file> <endpointId> <projectId> <count>`. */
import { openSqliteStorage } from '@rested/server';

const [file, endpointId, projectId, count] = process.argv.slice(2);
const storage = await openSqliteStorage({ file: file! });
let errors = 0;
for (let i = 0; i < Number(count); i++) {
  try {
    const record = await storage.createRecord({ projectId: projectId!, endpointId: endpointId!, creatorId: null, data: { pid: process.pid, i } });
    await storage.updateRecord(endpointId!, record.uniqueId, () => ({ pid: process.pid, i, updated: true }));
  } catch (error) {
    errors++;
    console.error(String(error));
  }
}
await storage.close();
process.stdout.write(JSON.stringify({ errors }));
