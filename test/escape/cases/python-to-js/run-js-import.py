# runscript-escape-case
# description: run_js with dynamic import
# expect-status: success | error
from pyodide.code import run_js
await run_js("import('node:child_process').then(m => m.execSync('id').toString())")
