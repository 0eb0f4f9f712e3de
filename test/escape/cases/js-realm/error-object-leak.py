# runscript-escape-case
# description: host errors seen from the isolate carry no host objects
# expect-status: success
import js
try:
    await js.eval("Promise.reject(new Error('boom'))")
    r = 'no error'
except Exception as e:
    r = type(e).__name__
r
