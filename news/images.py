"""
Article images: checking uploads, cleaning them, and the smaller copies pages use.

An upload is checked by its content (the name and the browser's content type
prove nothing), then re-encoded from its pixels alone, so no metadata (EXIF
with GPS, XMP, comments, ICC profiles) reaches the site. Renditions are made
from the stored image and listed in `Article.image_renditions`; the
`{% article_picture %}` tag (news/templatetags/images.py) turns them into a
`<picture>` with `srcset`.
"""

import contextlib
import io
import warnings
from pathlib import PurePosixPath

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

MAX_UPLOAD_MEGABYTES = 10
MAX_UPLOAD_BYTES = MAX_UPLOAD_MEGABYTES * 1024 * 1024
MAX_MEGAPIXELS = 40
MAX_PIXELS = MAX_MEGAPIXELS * 1_000_000

# Pillow warns above MAX_IMAGE_PIXELS and refuses above twice that; every
# decoding in this module turns the warning into an error as well. Lowered for
# the whole process, not only here: nothing on this site needs to decode more.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS

# What Pillow may try to parse an upload as: no other decoder is ever reached.
# A camera JPEG holding several pictures (MPO) is still a JPEG.
ALLOWED_FORMATS = ("JPEG", "PNG", "WEBP")
DETECTED_AS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "WEBP": "WEBP"}
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}

RENDITION_WIDTHS = (480, 960, 1600)
RENDITION_FOLDER = "renditions"

FILE_TOO_BIG = _("The image is larger than %(megabytes)s MB.")
NOT_AN_IMAGE = _("This file is not a JPEG, PNG or WebP image.")
DAMAGED = _("The image is damaged or incomplete.")
TOO_MANY_PIXELS = _("The image is too large: at most %(megapixels)s megapixels.")

# Pillow's decoders raise any of these on malformed data.
DECODING_ERRORS = (OSError, SyntaxError, ValueError, IndexError, TypeError, EOFError)

SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


# Uploads -------------------------------------------------------------------------


def clean_upload(file):
    """
    The uploaded `file` checked and re-encoded, as a new ContentFile.

    Raises ValidationError when it is too big, not a JPEG, PNG or WebP image,
    over 40 megapixels (decompression bombs included) or damaged.
    """
    if file.size is None or file.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            FILE_TOO_BIG, code="file_too_big", params={"megabytes": MAX_UPLOAD_MEGABYTES}
        )
    with warnings.catch_warnings():
        # Only inside this call: the global filters are left as they were.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image, kind = _decode(file)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise too_many_pixels() from error
    image = _pixels_only(image)
    name = f"{slugify(PurePosixPath(file.name or '').stem)[:60] or 'image'}.{EXTENSIONS[kind]}"
    return ContentFile(_encode(image, kind), name=name)


def _decode(file):
    """The fully decoded image in `file` and its format, or a ValidationError."""
    file.seek(0)
    try:
        header = Image.open(file, formats=ALLOWED_FORMATS)
    except UnidentifiedImageError as error:
        raise ValidationError(NOT_AN_IMAGE, code="not_an_image") from error
    except DECODING_ERRORS as error:
        raise ValidationError(DAMAGED, code="damaged") from error
    kind = DETECTED_AS.get(header.format)
    if kind is None:
        raise ValidationError(NOT_AN_IMAGE, code="not_an_image")
    # The header alone is enough to refuse a bomb: no pixel is decoded yet.
    if header.width * header.height > MAX_PIXELS:
        raise too_many_pixels()
    try:
        # verify() checks what load() skips, such as the checksums of PNG chunks;
        # it leaves the image unusable, so the file is opened again to decode it.
        header.verify()
        file.seek(0)
        image = Image.open(file, formats=ALLOWED_FORMATS)
        image.load()
    except DECODING_ERRORS as error:
        raise ValidationError(DAMAGED, code="damaged") from error
    return image, kind


def too_many_pixels():
    return ValidationError(
        TOO_MANY_PIXELS, code="too_many_pixels", params={"megapixels": MAX_MEGAPIXELS}
    )


def _pixels_only(image):
    """
    `image` upright, in sRGB, as RGB (or RGBA if it has transparency), with no metadata.

    Colours are converted to sRGB rather than the ICC profile kept: browsers
    take untagged images as sRGB, so wide-gamut photos (Display P3, Adobe RGB)
    keep their look in every rendition, and the profile (which can name the
    device) is not published.
    """
    # Unreadable EXIF: the picture is kept as stored.
    with contextlib.suppress(*DECODING_ERRORS):
        ImageOps.exif_transpose(image, in_place=True)
    if image.mode.startswith("I;16"):
        # 16-bit grey: scaled to 8 bits (a plain convert() clips it to white).
        image = image.point(lambda value: value / 257, "L")
    mode = "RGBA" if image.has_transparency_data else "RGB"
    icc_profile = image.info.get("icc_profile")
    converted = None
    if icc_profile and image.mode in ("RGB", "RGBA", "CMYK", "L"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
            converted = ImageCms.profileToProfile(image, source, SRGB, outputMode=mode)
        except (ImageCms.PyCMSError, *DECODING_ERRORS):
            converted = None  # A broken profile: the colours stay as they are.
    if converted is not None:
        image = converted
    elif image.mode != mode:
        image = image.convert(mode)
    # A new image holding the pixels and nothing else: whatever a decoder put in
    # `info` (EXIF, XMP, comments, text chunks, ICC) cannot be written back out.
    clean = Image.new(mode, image.size)
    clean.paste(image)
    return clean


def _encode(image, kind, quality=88):
    buffer = io.BytesIO()
    if kind == "JPEG":
        image.save(buffer, "JPEG", quality=quality, optimize=True, progressive=True)
    elif kind == "PNG":
        image.save(buffer, "PNG", optimize=True)
    else:
        image.save(buffer, "WEBP", quality=quality, method=4)
    return buffer.getvalue()


class UploadedImageField(forms.ImageField):
    """
    An image upload checked by `clean_upload()`; cleans to the re-encoded ContentFile.

    A drop-in for the form field of a model ImageField, e.g. in an admin's
    `formfield_overrides = {models.ImageField: {"form_class": UploadedImageField}}`.
    """

    def to_python(self, data):
        # FileField's checks (empty file, name length), then ours instead of
        # ImageField's, which lets a decompression bomb through with a warning.
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        return clean_upload(upload)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.FileInput) and "accept" not in widget.attrs:
            attrs["accept"] = "image/jpeg,image/png,image/webp"
        return attrs


# Renditions ----------------------------------------------------------------------


def rendition_widths(width):
    """The widths to make for an image `width` pixels wide: never wider than it."""
    if width >= RENDITION_WIDTHS[-1]:
        return list(RENDITION_WIDTHS)
    return [w for w in RENDITION_WIDTHS if w < width] + [width]


def rendition_stem(name):
    """
    `renditions/<folder>/<stem>-<ext>` for the stored image `name`.

    The folder and the extension keep it unique, as the stored name is:
    `photo.jpg` of one month and `photo.jpg` of the next, or `photo.jpg`
    and `photo.png` of the same month, must not share renditions.
    """
    path = PurePosixPath(name)
    stem = f"{path.stem}-{path.suffix.lstrip('.').lower()}".strip("-")
    return str(PurePosixPath(RENDITION_FOLDER, path.parent, stem))


def make_renditions(field_file):
    """
    Make the renditions of the stored image `field_file`; return their list.

    Every width of `rendition_widths()` in WebP, plus JPEG (PNG if the image
    has transparency) for browsers without WebP. Files of the same name are
    replaced. Each item: {"name", "width", "height", "format"}.
    """
    storage = field_file.storage
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with storage.open(field_file.name, "rb") as stored:
            image = Image.open(stored)
            image.load()
    # Uploads are stored upright already; images stored before are made so.
    with contextlib.suppress(*DECODING_ERRORS):
        ImageOps.exif_transpose(image, in_place=True)
    transparent = _has_transparency(image)
    if image.mode != ("RGBA" if transparent else "RGB"):
        image = image.convert("RGBA" if transparent else "RGB")
    fallback = "png" if transparent else "jpeg"
    stem = rendition_stem(field_file.name)
    renditions = []
    for width in rendition_widths(image.width):
        height = max(1, round(image.height * width / image.width))
        resized = (
            image
            if width == image.width
            else image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        )
        for fmt in ("webp", fallback):
            extension = "jpg" if fmt == "jpeg" else fmt
            name = f"{stem}-{width}.{extension}"
            if storage.exists(name):
                storage.delete(name)
            saved = storage.save(name, ContentFile(_encode_rendition(resized, fmt)))
            renditions.append({"name": saved, "width": width, "height": height, "format": fmt})
    return sorted(renditions, key=lambda r: (r["width"], r["format"]))


def _has_transparency(image):
    """True if some pixel of `image` is not fully opaque."""
    if not image.has_transparency_data:
        return False
    rgba = image if image.mode == "RGBA" else image.convert("RGBA")
    return rgba.getchannel("A").getextrema()[0] < 255


def _encode_rendition(image, fmt):
    buffer = io.BytesIO()
    if fmt == "webp":
        image.save(buffer, "WEBP", quality=80, method=4)
    elif fmt == "jpeg":
        image.save(buffer, "JPEG", quality=82, optimize=True, progressive=True)
    else:
        image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def delete_renditions(renditions, storage):
    """Remove the files of `renditions` (a list as made by `make_renditions`)."""
    for rendition in renditions or []:
        storage.delete(rendition["name"])


def refresh_renditions(article):
    """
    Rebuild `article`'s renditions from its image (none if it has no image).

    The old files are removed first; only `image_renditions` is saved.
    `Article.save()` calls it when the image is new, changed or cleared, or
    its renditions have gone missing.
    """
    storage = article._meta.get_field("image").storage
    delete_renditions(article.image_renditions, storage)
    article.image_renditions = []
    try:
        if article.image:
            article.image_renditions = make_renditions(article.image)
    finally:
        # Saved even if making them failed: the page then shows the original
        # rather than pointing at deleted files.
        article.save(update_fields=["image_renditions"])
    return article.image_renditions


def renditions_stored(article):
    """True when `article` has renditions and every one of their files is in the storage."""
    storage = article._meta.get_field("image").storage
    return bool(article.image_renditions) and all(
        storage.exists(rendition["name"]) for rendition in article.image_renditions
    )


def picture_sources(article):
    """
    What `<picture>` needs from `article`'s renditions, or None if it has none.

    {"webp_srcset", "srcset", "src", "width", "height"}: the `<source>` gets
    the WebP files, the `<img>` the JPEG or PNG ones, their middle width as
    `src` (whose size `width` and `height` give).
    """
    renditions = article.image_renditions
    if not renditions:
        return None
    storage = article._meta.get_field("image").storage
    by_format = {}
    for rendition in sorted(renditions, key=lambda r: r["width"]):
        by_format.setdefault(rendition["format"], []).append(rendition)
    fallback = by_format.get("jpeg") or by_format.get("png")
    if not fallback:
        return None

    def srcset(items):
        return ", ".join(f"{storage.url(item['name'])} {item['width']}w" for item in items)

    middle = fallback[len(fallback) // 2]
    webp = by_format.get("webp")
    return {
        "webp_srcset": srcset(webp) if webp else "",
        "src": storage.url(middle["name"]),
        "srcset": srcset(fallback),
        "width": middle["width"],
        "height": middle["height"],
    }
