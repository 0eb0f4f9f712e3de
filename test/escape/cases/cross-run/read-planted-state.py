# runscript-escape-case
# description: nothing planted by an earlier run is visible
# expect-status: success
# expect-result: [false, false, false, false, false]
import builtins, sys, os, js
[hasattr(builtins, 'CROSS_RUN_MARKER'), 'cross_run_marker' in sys.modules, 'CROSS_RUN_MARKER' in os.environ, os.path.exists('/tmp/cross_run_marker'), hasattr(js.globalThis, 'crossRunMarker')]
