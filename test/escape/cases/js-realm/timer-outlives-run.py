# runscript-escape-case
# description: a timer scheduled far in the future dies with the run
# expect-status: success
# expect-result: "scheduled"
import js
js.setTimeout(js.eval("() => { globalThis.late = 1 }"), 60000)
'scheduled'
