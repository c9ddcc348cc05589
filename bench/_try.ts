import { runSnmp } from './snmp/run.js';
const r = await runSnmp(Number(process.argv[2] ?? 10), { log: (l) => console.log(l), bulkwalkSample: 10 });
console.log(JSON.stringify(r, null, 1));
