"""
`manage.py backup FILE`: the database and every media file in one .tar.gz.

The rows are Django's own serialization (dumpdata), so a backup of SQLite
restores into PostgreSQL and back. Foreign keys to content types and
permissions are written by natural key (app and model names), and those two
tables are left out: `migrate` makes them on the target, where their ids may
differ. Groups and users also go by natural key, so they match the groups
the migrations create. Media are read through Django's storage API, so the
same command works with object storage.
"""

import hashlib
import io
import json
import tarfile
import tempfile
import time
from pathlib import Path

import django
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from django.utils import timezone

FORMAT = 1
# Made again by `migrate`, or not worth keeping (sessions end anyway).
EXCLUDED = ["contenttypes", "auth.permission", "sessions"]


def media_files(storage, folder=""):
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # No file uploaded yet: MEDIA_ROOT does not exist.
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for sub in sorted(folders):
        yield from media_files(storage, f"{folder}/{sub}" if folder else sub)


def add_bytes(archive, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(time.time())
    archive.addfile(info, io.BytesIO(data))


class Command(BaseCommand):
    help = "Write the database and all media files to one .tar.gz archive."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Archive to write, e.g. backup-2025-01-31.tar.gz")

    def handle(self, *args, file, **options):
        with tempfile.TemporaryDirectory() as scratch:
            data = Path(scratch) / "data.json"
            call_command(
                "dumpdata",
                exclude=EXCLUDED,
                natural_foreign=True,
                natural_primary=True,
                output=str(data),
                verbosity=0,
            )
            rows = json.loads(data.read_text())
            counts = {}
            for row in rows:
                counts[row["model"]] = counts.get(row["model"], 0) + 1
            media = []
            with tarfile.open(file, "w:gz") as archive:
                archive.add(data, "data.json")
                for name in media_files(default_storage):
                    with default_storage.open(name, "rb") as handle:
                        content = handle.read()
                    add_bytes(archive, f"media/{name}", content)
                    media.append(
                        {
                            "name": name,
                            "size": len(content),
                            "sha256": hashlib.sha256(content).hexdigest(),
                        }
                    )
                manifest = {
                    "format": FORMAT,
                    "created": timezone.now().isoformat(),
                    "django": django.get_version(),
                    "database": connection.vendor,
                    "rows": counts,
                    "media": media,
                }
                add_bytes(
                    archive,
                    "manifest.json",
                    json.dumps(manifest, indent=2, ensure_ascii=False).encode(),
                )
        self.stdout.write(f"Backed up {len(rows)} rows and {len(media)} media files to {file}.")
