# runscript-escape-case
# description: an output flood is truncated, the run goes on
# expect-status: success
# expect-result: "done"
for i in range(200000):
    print('x' * 200)
'done'
