# runscript-escape-case
# description: a walk of every class finds no JavaScript host object (process, require)
# expect-status: success
# expect-result: []
def walk(cls, seen):
    try:
        subs = type.__subclasses__(cls)
    except TypeError:
        subs = []
    for sub in subs:
        if sub not in seen:
            seen.add(sub)
            walk(sub, seen)
    return seen
def exposes(c):
    try:
        return any(type(getattr(c, n, None)).__name__.startswith('Js') for n in ('process', 'require', 'child_process'))
    except Exception:
        return False
[c.__name__ for c in walk(object, set()) if exposes(c)]
