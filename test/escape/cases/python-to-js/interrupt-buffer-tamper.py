# runscript-escape-case
# description: clear the interrupt buffer then spin
# expect-status: timeout
import pyodide_js
pyodide_js.setInterruptBuffer(None)
while True:
    pass
