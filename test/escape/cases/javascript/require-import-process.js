// runscript-escape-case
// description: no require, import, process or fetch
// expect-status: success
// expect-result: [[], "failed"]
const found = ['require','process','fetch','Buffer','module','WebSocket'].filter((n) => typeof globalThis[n] !== 'undefined');
let imported = 'failed';
try { await import('node:fs'); imported = 'IMPORTED'; } catch (e) { imported = 'failed'; }
return [found, imported];
