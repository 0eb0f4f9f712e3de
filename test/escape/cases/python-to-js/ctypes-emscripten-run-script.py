# runscript-escape-case
# description: ctypes -> emscripten_run_script runs JS only in the isolate
# expect-status: success | error
import ctypes
lib = ctypes.CDLL(None)
lib.emscripten_run_script(b"globalThis.__probe = typeof process + typeof require")
import js
js.__probe
