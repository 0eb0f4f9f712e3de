# runscript-escape-case
# description: TCP socket to the planted loopback listener
# expect-status: error
import socket
socket.create_connection(('127.0.0.1', {LISTENER_PORT}), timeout=1)
