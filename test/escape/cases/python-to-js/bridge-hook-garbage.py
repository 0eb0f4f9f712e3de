# runscript-escape-case
# description: call the bridge hook with garbage JSON
# expect-status: success
# expect-result: [false, false, false, false, false]
import _runscript_host, json
[json.loads(_runscript_host.call_sync(p))['ok'] for p in ['not json', '{}', '[]', '{"op": "nope"}', '{"__proto__": {"polluted": true}}']]
