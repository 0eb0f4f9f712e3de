# runscript-escape-case
# description: linecache holds only this script
# expect-status: success
# expect-result: []
import linecache
needle = 'plan' + 'ted'
[k for k in linecache.cache if needle in ''.join(linecache.cache[k][2] or [])]
