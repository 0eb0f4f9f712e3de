# runscript-escape-case
# description: urllib to the planted loopback listener
# expect-status: error
import urllib.request
urllib.request.urlopen('http://127.0.0.1:{LISTENER_PORT}/', timeout=1).read()
