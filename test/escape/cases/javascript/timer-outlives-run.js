// runscript-escape-case
// description: setTimeout after the run does nothing
// expect-status: success
// expect-result: "scheduled"
setTimeout(() => console.log('late'), 60000);
return 'scheduled';
