# runscript-escape-case
# description: a loop that catches KeyboardInterrupt
# expect-status: timeout
while True:
    try:
        while True:
            pass
    except KeyboardInterrupt:
        pass
