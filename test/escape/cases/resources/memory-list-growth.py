# runscript-escape-case
# description: growing list of 1 MiB chunks
# expect-status: memory_limit
x = []
while True:
    x.append(bytearray(1024 * 1024))
