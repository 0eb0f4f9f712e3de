# runscript-escape-case
# description: plant state for the next run (checked by the runner)
# expect-status: success
# expect-result: "planted"
import builtins, sys, os, js
builtins.CROSS_RUN_MARKER = '{MARKER}'
sys.modules['cross_run_marker'] = sys
os.environ['CROSS_RUN_MARKER'] = '{MARKER}'
open('/tmp/cross_run_marker', 'w').write('{MARKER}')
js.globalThis.crossRunMarker = '{MARKER}'
'planted'
