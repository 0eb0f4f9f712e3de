# runscript-escape-case
# description: a pure CPU loop
# expect-status: timeout
while True:
    pass
