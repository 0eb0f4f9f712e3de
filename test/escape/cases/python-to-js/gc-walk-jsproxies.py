# runscript-escape-case
# description: walk gc.get_objects() for host objects
# expect-status: success
# expect-result: []
import gc
hits = []
for o in gc.get_objects():
    if type(o).__name__.startswith('Js'):
        for name in ('process', 'require', 'fs', 'child_process'):
            try:
                if getattr(o, name, None) is not None:
                    hits.append(name)
            except Exception:
                pass
sorted(set(hits))
