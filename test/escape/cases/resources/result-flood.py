# runscript-escape-case
# description: a result above the cap
# expect-status: result_limit
['x' * 1000] * 2000
