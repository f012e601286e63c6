import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

SOURCE_DIRS = ["portal", "news", "feedback", "organization", "templates"]


def load_po(path):
    with open(path, "rb") as handle:
        return read_po(handle, abort_invalid=True)


def message_ids(catalog):
    # Plural entries have a pair of ids: a tuple in .po catalogues, a list in .mo files.
    return {
        tuple(message.id) if isinstance(message.id, list | tuple) else message.id
        for message in catalog
        if message.id
    }


class Command(BaseCommand):
    help = (
        "Fail unless every Arabic and French catalogue is complete (no untranslated or "
        "fuzzy entry), compiled, and holds every string the code and templates mark."
    )

    def handle(self, *args, **options):
        locale_dir = Path(settings.LOCALE_PATHS[0])
        languages = [code for code, _name in settings.LANGUAGES if code != "en"]
        problems = []
        for code in languages:
            po_path = locale_dir / code / "LC_MESSAGES" / "django.po"
            if not po_path.exists():
                problems.append(f"{po_path} is missing.")
                continue
            catalog = load_po(po_path)
            for message in catalog:
                if not message.id:
                    continue
                label = f"{po_path}: {message.id!r}"
                if message.fuzzy:
                    problems.append(f"{label} is fuzzy.")
                elif not message.string or (message.pluralizable and not all(message.string)):
                    problems.append(f"{label} is not translated.")
            problems.extend(self.check_compiled(po_path, catalog))
        problems.extend(self.check_extracted(locale_dir, languages))
        if problems:
            raise CommandError("\n".join(["Translation catalogues are not ready:", *problems]))
        self.stdout.write(self.style.SUCCESS(f"Catalogues complete: {', '.join(languages)}."))

    def check_compiled(self, po_path, catalog):
        mo_path = po_path.with_suffix(".mo")
        if not mo_path.exists():
            return [f"{mo_path} is missing: run `make messages`."]
        with open(mo_path, "rb") as handle:
            compiled = read_mo(handle)
        if message_ids(compiled) != message_ids(catalog):
            return [f"{mo_path} is out of date: run `make messages`."]
        return []

    def check_extracted(self, locale_dir, languages):
        """Run makemessages on a scratch copy and report strings missing from the catalogues."""
        if shutil.which("xgettext") is None:
            self.stdout.write(
                self.style.WARNING(
                    "xgettext (Debian package gettext) is not installed: skipped the check "
                    "that catalogues hold every marked string. CI installs it."
                )
            )
            return []
        problems = []
        with tempfile.TemporaryDirectory() as scratch:
            scratch = Path(scratch)
            for name in SOURCE_DIRS:
                (scratch / name).symlink_to(settings.BASE_DIR / name)
            shutil.copytree(locale_dir, scratch / "locale")
            command = [sys.executable, str(settings.BASE_DIR / "manage.py"), "makemessages"]
            command += [f"--locale={code}" for code in languages]
            command += ["--symlinks", "--no-location", "--ignore=.venv"]
            subprocess.run(command, cwd=scratch, check=True, capture_output=True)
            for code in languages:
                relative = Path(code) / "LC_MESSAGES" / "django.po"
                wanted = message_ids(load_po(scratch / "locale" / relative))
                present = message_ids(load_po(locale_dir / relative))
                for missing in sorted(wanted - present):
                    problems.append(
                        f"{locale_dir / relative}: {missing!r} is not in the catalogue."
                    )
                for stale in sorted(present - wanted):
                    problems.append(
                        f"{locale_dir / relative}: {stale!r} is no longer used; remove it."
                    )
        return problems
