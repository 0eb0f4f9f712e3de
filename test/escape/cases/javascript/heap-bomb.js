// runscript-escape-case
// description: JavaScript heap bomb
// expect-status: memory_limit
const a = [];
while (true) a.push(new Array(1e6).fill(1.5));
