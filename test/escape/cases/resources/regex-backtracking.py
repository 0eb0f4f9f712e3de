# runscript-escape-case
# description: catastrophic regex backtracking
# expect-status: timeout
import re
re.match(r'(a+)+$', 'a' * 64 + 'b')
