// runscript-escape-case
// description: while(true) in JavaScript
// expect-status: timeout
while (true) {}
