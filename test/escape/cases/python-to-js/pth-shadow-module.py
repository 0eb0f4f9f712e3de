# runscript-escape-case
# description: write .pth and shadow modules into the in-memory FS
# expect-status: success | error
import os, sys, site
os.makedirs('/tmp/shadow', exist_ok=True)
open('/tmp/shadow/json.py', 'w').write('EVIL = True')
open(site.getsitepackages()[0] + '/evil.pth', 'w').write('import os; os.environ["PTH"] = "1"')
sys.path.insert(0, '/tmp/shadow')
import importlib, json
importlib.reload(json)
getattr(json, 'EVIL', False)
