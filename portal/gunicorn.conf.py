"""
gunicorn hooks the portal needs (`gunicorn -c portal/gunicorn.conf.py ...`).

With PROMETHEUS_MULTIPROC_DIR set, each worker writes its metric values to
files there and /metrics adds them up: the folder is emptied when the server
starts (old workers' files would be counted again) and a dead worker's files
are marked so its values stay in the totals without it.
"""

import os
import shutil
from pathlib import Path


def on_starting(server):
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if folder:
        shutil.rmtree(folder, ignore_errors=True)
        Path(folder).mkdir(parents=True)


def child_exit(server, worker):
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
