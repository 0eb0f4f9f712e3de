// runscript-escape-case
// description: errors from the host are plain copies
// expect-status: success
try { await aws.call('s3', 'ListBuckets'); } catch (e) { return [e instanceof Error, typeof e.constructor.constructor('return typeof process')()]; }
return 'no error';
