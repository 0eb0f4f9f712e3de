# runscript-escape-case
# description: open a host file by absolute path
# expect-status: error
open('{SENTINEL_FILE}').read()
