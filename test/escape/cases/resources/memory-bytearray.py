# runscript-escape-case
# description: 512 MiB bytearray
# expect-status: memory_limit
x = bytearray(512 * 1024 * 1024)
