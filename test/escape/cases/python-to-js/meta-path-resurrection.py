# runscript-escape-case
# description: clear sys.meta_path and resurrect js from sys.modules
# expect-status: success | error
import sys
saved = dict(sys.modules)
sys.meta_path.clear()
sys.modules.pop('js', None)
sys.modules.update(saved)
import js
hasattr(js, 'process')
