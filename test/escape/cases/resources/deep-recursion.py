# runscript-escape-case
# description: unbounded recursion ends as RecursionError
# expect-status: error
def f(n):
    return f(n + 1)
f(0)
