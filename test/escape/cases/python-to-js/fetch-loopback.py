# runscript-escape-case
# description: js.fetch to the planted loopback listener
# expect-status: error
import js
await js.fetch('http://127.0.0.1:{LISTENER_PORT}/')
