// runscript-escape-case
// description: constructor chain to the Function of the host
// expect-status: success | error
// expect-result: "undefined"
return (() => {}).constructor.constructor('return typeof process')();
