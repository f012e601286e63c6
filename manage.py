#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    if "DJANGO_DEBUG" not in os.environ and not os.environ.get("DATABASE_URL"):
        # No environment at all: a command typed in a checkout, which can only
        # reach the laptop's SQLite file, so development settings. Servers
        # (portal/wsgi.py) never get this default, and a production
        # environment (DATABASE_URL set) without DJANGO_DEBUG still refuses
        # to start without its secret key and hosts.
        os.environ["DJANGO_DEBUG"] = "1"
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
