// runscript-escape-case
// description: Error.prepareStackTrace over host frames
// expect-status: success | error
Error.prepareStackTrace = (e, frames) => frames.map((f) => { try { return typeof f.getThis(); } catch { return 'x'; } });
return new Error('x').stack;
