# runscript-escape-case
# description: malformed bridge messages get error answers, never exceptions of the host
# expect-status: success
# expect-result: [false, false, false, false, false, false, false]
import json, _runscript_host
answers = [json.loads(_runscript_host.call_sync(p)) for p in ["", "null", "[]", "{", '{"op": "aws.call"}', '{"op": "aws.call", "service": 1, "operation": []}', "x" * 100000]]
[a["ok"] for a in answers]
