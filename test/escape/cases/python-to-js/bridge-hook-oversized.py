# runscript-escape-case
# description: an oversized bridge payload is refused before parsing
# expect-status: success
# expect-result: "RequestTooLarge"
import _runscript_host, json
json.loads(_runscript_host.call_sync('x' * (7 * 1024 * 1024)))['error']['code']
