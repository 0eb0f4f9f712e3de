# runscript-escape-case
# description: 'a' * 10**9
# expect-status: memory_limit
x = 'a' * 10**9
