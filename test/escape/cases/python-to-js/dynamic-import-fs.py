# runscript-escape-case
# description: dynamic import('node:fs') through js.eval must fail
# expect-status: success | error
import js
await js.eval("import('node:fs').then(m => m.readFileSync('{SENTINEL_FILE}', 'utf8'))")
