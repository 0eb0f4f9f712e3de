# runscript-escape-case
# description: __proto__ / constructor keys in parameters are refused and pollute nothing
# expect-status: success
# expect-result: [true, true, true]
from botocore.exceptions import ClientError
import json, _runscript_host
codes = []
for params in ({"__proto__": {"polluted": True}}, {"constructor": {"prototype": {"polluted": True}}}, {"Bucket": {"__proto__": 1}}):
    answer = json.loads(_runscript_host.call_sync(json.dumps({"op": "aws.call", "service": "s3", "operation": "ListObjectsV2", "params": params})))
    codes.append(answer["error"]["code"] if not answer["ok"] else "ok")
[c != "ok" for c in codes]
