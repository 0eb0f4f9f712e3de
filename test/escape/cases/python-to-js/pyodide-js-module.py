# runscript-escape-case
# description: pyodide_js and run_js see no process
# expect-status: success
# expect-result: ["undefined", "undefined", "undefined"]
import pyodide_js
from pyodide.code import run_js
[run_js('typeof process'), run_js('typeof require'), run_js('typeof fetch')]
