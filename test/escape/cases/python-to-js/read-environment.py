# runscript-escape-case
# description: the environment holds none of the server's variables (only the run's own default region, as boto3 reads it)
# expect-status: success
# expect-result: []
import os, re
ALLOWED = ('USER','LOGNAME','PATH','PWD','HOME','LANG','_','PYTHONINSPECT','LD_LIBRARY_PATH','AWS_DEFAULT_REGION','AWS_REGION')
[k for k in os.environ if k not in ALLOWED] + [k for k in ('AWS_DEFAULT_REGION', 'AWS_REGION') if k in os.environ and not re.fullmatch(r'[a-z]{2}(-[a-z]+)+-\d', os.environ[k])]
