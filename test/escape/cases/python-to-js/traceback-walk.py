# runscript-escape-case
# description: an exception's traceback holds no host frames
# expect-status: success
# expect-result: []
import sys
try:
    import js
    js.eval('null.x')
except Exception as e:
    tb = e.__traceback__
    files = []
    while tb:
        files.append(tb.tb_frame.f_code.co_filename)
        tb = tb.tb_next
    r = [f for f in files if f.startswith('/work') or 'node:' in f]
r
