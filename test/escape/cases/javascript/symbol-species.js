// runscript-escape-case
// description: Symbol.species on a Promise subclass
// expect-status: success | error
// expect-result: "undefined"
class P extends Promise { static get [Symbol.species]() { return Promise; } }
return await P.resolve(typeof process);
