// runscript-escape-case
// description: a Proxy passed as AWS parameters is copied, not shared
// expect-status: success | error
const p = new Proxy({}, { ownKeys() { return ['Bucket']; }, getOwnPropertyDescriptor() { return { value: 'x', enumerable: true, configurable: true }; }, get() { return () => typeof process; } });
try { await aws.call('s3', 'ListObjectsV2', p); } catch (e) { return e.code; }
return 'called';
