# runscript-escape-case
# description: import js exposes no Node or web API
# expect-status: success
# expect-result: []
import js
[n for n in ('process','require','module','fetch','WebSocket','XMLHttpRequest','Deno','Bun','importScripts','Buffer') if hasattr(js, n)]
