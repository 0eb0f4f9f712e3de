// runscript-escape-case
// description: pollute Object.prototype (the next run gets a new isolate)
// expect-status: success
// expect-result: "polluted"
Object.prototype.polluted = 'yes';
globalThis.leak = 'yes';
return 'polluted';
