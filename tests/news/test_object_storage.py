"""
Media in S3-compatible object storage, against a real S3 server on this machine.

moto's server (PyPI `moto[server]`) listens on 127.0.0.1 in this project's
port range; the default storage is switched to django-storages' S3Storage with
the options `DJANGO_MEDIA_STORAGE=s3` gives (portal/settings.py), so uploads,
renditions, page addresses and deletions all go through the bucket.
"""

import io
import json
import os
import re
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from moto.server import ThreadedMotoServer
from PIL import ExifTags, Image

from news.images import clean_upload
from news.models import Article
from tests.factories import make_article

BUCKET = "portal-media"
PORTS = range(18150, 18200)
PUBLIC_READ = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": f"arn:aws:s3:::{BUCKET}/*",
        }
    ],
}
CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}


def free_port():
    for port in PORTS:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"No free port in {PORTS.start}-{PORTS.stop - 1}.")


@pytest.fixture(scope="module")
def s3_endpoint():
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    media = bucket(endpoint)
    media.create()
    # As docs/deployment.md asks: anyone may read the objects, only the site write them.
    media.Policy().put(Policy=json.dumps(PUBLIC_READ))
    yield endpoint
    server.stop()


def bucket(endpoint):
    return boto3.resource(
        "s3", endpoint_url=endpoint, region_name="us-east-1", **CREDENTIALS
    ).Bucket(BUCKET)


@pytest.fixture
def s3_media(settings, s3_endpoint):
    """The default storage in the bucket, configured as portal/settings.py does for s3."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_endpoint,
                "region_name": "us-east-1",
                "access_key": CREDENTIALS["aws_access_key_id"],
                "secret_key": CREDENTIALS["aws_secret_access_key"],
                "custom_domain": None,
                "querystring_auth": False,
                "file_overwrite": False,
            },
        },
    }
    media = bucket(s3_endpoint)
    media.objects.all().delete()
    return media


def keys(media):
    return {item.key for item in media.objects.all()}


def read(media, key):
    return media.Object(key).get()["Body"].read()


def photo(name, color):
    """A camera JPEG with EXIF naming the camera, as an upload."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "SecretCam"
    buffer = io.BytesIO()
    Image.new("RGB", (1000, 500), color).save(buffer, "JPEG", exif=exif)
    return clean_upload(SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg"))


@pytest.mark.django_db
def test_images_and_renditions_live_in_the_bucket(s3_media, s3_endpoint, client, settings):
    """An upload and its renditions are objects in the bucket, without metadata, linked by
    the page's srcset; a new image deletes the old renditions from the bucket."""
    article = make_article()
    article.image = photo("Rabat signing.jpg", "teal")
    article.save()

    stored = Article.objects.get(pk=article.pk)
    renditions = [r["name"] for r in stored.image_renditions]
    assert stored.image.name.startswith("articles/") and len(renditions) == 6
    assert keys(s3_media) == {stored.image.name, *renditions}
    for key in keys(s3_media):
        data = read(s3_media, key)
        assert b"SecretCam" not in data
        assert not Image.open(io.BytesIO(data)).getexif()
    assert not any(Path(settings.MEDIA_ROOT).rglob("*.*")), "nothing written to the disk"

    with translation.override("en"):
        page = client.get(stored.get_absolute_url()).content.decode()
    srcsets = " ".join(re.findall(r'srcset="([^"]+)"', page))
    linked = set(re.findall(r"(\S+) \d+w", srcsets))
    assert linked == {f"{s3_endpoint}/{BUCKET}/{name}" for name in renditions}
    with urllib.request.urlopen(sorted(linked)[0]) as response:
        assert response.read() == read(s3_media, sorted(linked)[0].split(f"/{BUCKET}/")[1])

    stored.image = photo("Rabat signing.jpg", "navy")
    stored.save()
    replaced = Article.objects.get(pk=article.pk)
    new = {r["name"] for r in replaced.image_renditions}
    assert replaced.image.name != article.image.name, "a second upload gets its own name"
    assert keys(s3_media) == {article.image.name, replaced.image.name, *new}
    assert not set(renditions) & keys(s3_media)


def storage_settings(**env):
    """STORAGES["default"] as portal/settings.py makes it from `env`, or its error."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "AWS_"))}
    clean.update({"DJANGO_DEBUG": "1", **env})
    script = (
        "import json, django; from django.conf import settings; django.setup(); "
        "print(json.dumps(settings.STORAGES['default']))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=Path(__file__).resolve().parents[2],
        env={**clean, "DJANGO_SETTINGS_MODULE": "portal.settings"},
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout) if result.returncode == 0 else result.stderr


def test_storage_is_chosen_from_the_environment():
    """Files on disk by default; DJANGO_MEDIA_STORAGE=s3 and the AWS_* variables give a
    bucket at plain addresses; a missing bucket or an unknown storage stops the start."""
    assert storage_settings() == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    s3 = storage_settings(
        DJANGO_MEDIA_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME="media",
        AWS_S3_ENDPOINT_URL="https://s3.example.org",
        AWS_S3_REGION_NAME="eu-west-3",
        AWS_ACCESS_KEY_ID="id",
        AWS_SECRET_ACCESS_KEY="secret",
        AWS_S3_CUSTOM_DOMAIN="media.news.example.org",
    )
    assert s3 == {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": "media",
            "endpoint_url": "https://s3.example.org",
            "region_name": "eu-west-3",
            "access_key": "id",
            "secret_key": "secret",
            "custom_domain": "media.news.example.org",
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }
    assert "needs AWS_STORAGE_BUCKET_NAME" in storage_settings(DJANGO_MEDIA_STORAGE="s3")
    assert "must be filesystem or s3" in storage_settings(DJANGO_MEDIA_STORAGE="ftp")
