"""
`manage.py restore FILE`: put back what `manage.py backup` wrote.

Into a migrated database with no content only, unless --wipe empties it
first (every table, and the media files the archive holds). The rows are
loaded in one transaction; each media file is checked against the
manifest's checksum before it is written through the storage API.
"""

import hashlib
import json
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from .backup import FORMAT

# What `migrate` alone puts in a database: it does not count as content.
MIGRATION_MADE = {"contenttypes.contenttype", "auth.permission", "auth.group", "sessions.session"}


def content_tables():
    """Models holding rows that `migrate` did not make."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.label_lower not in MIGRATION_MADE
        and not (
            model._meta.auto_created and model._meta.auto_created._meta.label_lower == "auth.group"
        )
    ]


class Command(BaseCommand):
    help = "Restore the database rows and media files of a `manage.py backup` archive."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--wipe",
            action="store_true",
            help="Empty the database (all tables) before restoring into it.",
        )

    def handle(self, *args, file, wipe, **options):
        try:
            archive = tarfile.open(file, "r:gz")  # noqa: SIM115 (closed by the with below)
        except (OSError, tarfile.TarError) as error:
            raise CommandError(f"{file} is not a backup archive: {error}") from error
        with archive, tempfile.TemporaryDirectory() as scratch:
            try:
                manifest = json.load(archive.extractfile("manifest.json"))
            except (KeyError, ValueError) as error:
                raise CommandError(f"{file} has no readable manifest.json.") from error
            if manifest.get("format") != FORMAT:
                raise CommandError(f"Unknown backup format {manifest.get('format')!r}.")
            filled = [m._meta.label for m in content_tables() if m._default_manager.exists()]
            if filled and not wipe:
                raise CommandError(
                    "The database is not empty (" + ", ".join(filled[:5]) + "). "
                    "Restore into an empty, migrated database, or add --wipe to empty it first."
                )
            # Every media file is read and checked before anything is changed.
            media = []
            for entry in manifest["media"]:
                try:
                    content = archive.extractfile(f"media/{entry['name']}").read()
                except KeyError as error:
                    raise CommandError(f"Media file {entry['name']} is missing.") from error
                if hashlib.sha256(content).hexdigest() != entry["sha256"]:
                    raise CommandError(f"Media file {entry['name']} is damaged.")
                media.append((entry["name"], content))
            data = Path(scratch) / "data.json"
            data.write_bytes(archive.extractfile("data.json").read())
            with transaction.atomic():
                if wipe:
                    call_command("flush", interactive=False, verbosity=0)
                call_command("loaddata", str(data), verbosity=0)
            for name, content in media:
                if default_storage.exists(name):
                    default_storage.delete(name)
                saved = default_storage.save(name, ContentFile(content))
                if saved != name:
                    raise CommandError(f"Media file {name} was stored as {saved}.")
        rows = sum(manifest["rows"].values())
        self.stdout.write(f"Restored {rows} rows and {len(media)} media files from {file}.")
