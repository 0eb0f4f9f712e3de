# runscript-escape-case
# description: open /etc/passwd
# expect-status: error
open('/etc/passwd').read()
