# runscript-escape-case
# description: os.system cannot spawn host processes
# expect-status: success | error
import os
os.system('touch /tmp/runscript-pwned')
