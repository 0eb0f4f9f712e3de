# runscript-escape-case
# description: threads cannot be started
# expect-status: error | success
import threading
t = threading.Thread(target=lambda: None)
t.start()
