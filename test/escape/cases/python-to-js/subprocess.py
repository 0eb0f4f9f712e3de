# runscript-escape-case
# description: subprocess.run
# expect-status: error
import subprocess
subprocess.run(['cat', '/etc/hostname'], capture_output=True).stdout
