// runscript-escape-case
// description: nothing of an earlier run is visible
// expect-status: success
// expect-result: ["undefined", "undefined"]
return [typeof ({}).polluted, typeof globalThis.leak];
