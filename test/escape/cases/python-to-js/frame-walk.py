# runscript-escape-case
# description: walk frames and tracebacks for host objects
# expect-status: success
# expect-result: false
import sys
f = sys._getframe()
names = []
while f is not None:
    names.append(f.f_code.co_filename)
    for v in list(f.f_globals.values()) + list(f.f_locals.values()):
        if type(v).__name__.startswith('Js') and hasattr(v, 'process'):
            names.append('HOST')
    f = f.f_back
'HOST' in names
