# runscript-escape-case
# description: the environment holds none of the server's variables
# expect-status: success
# expect-result: []
import os
[k for k in os.environ if k not in ('USER','LOGNAME','PATH','PWD','HOME','LANG','_','PYTHONINSPECT','LD_LIBRARY_PATH')]
