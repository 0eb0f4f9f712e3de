# runscript-escape-case
# description: time.sleep past the timeout
# expect-status: timeout
import time
time.sleep(3600)
