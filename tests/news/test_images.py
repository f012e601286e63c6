import io
import random
import struct
import warnings
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import ExifTags, Image, ImageCms

from news import images
from news.images import (
    UploadedImageField,
    clean_upload,
    make_renditions,
    refresh_renditions,
    rendition_stem,
)
from news.models import Article
from tests.factories import make_article, make_category

LANGS = ["ar", "en", "fr"]
MAKE = images.make_renditions

NOT_AN_IMAGE = "This file is not a JPEG, PNG or WebP image."
FILE_TOO_BIG = "The image is larger than 10 MB."
TOO_MANY_PIXELS = "The image is too large: at most 40 megapixels."
DAMAGED = "The image is damaged or incomplete."


# Builders --------------------------------------------------------------------------


def encoded(image, fmt, **options):
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def noisy(size, mode="RGB", seed=1):
    """An image that compresses badly, so that cutting its file loses pixels."""
    rng = random.Random(seed)
    return Image.frombytes(mode, size, rng.randbytes(size[0] * size[1] * len(mode)))


def png_chunk(kind, data):
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def png_header_only(width, height):
    """A PNG of a few dozen bytes whose valid header claims `width` x `height` pixels."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", ihdr)
        + png_chunk(b"IDAT", zlib.compress(b"\x00\x00\x00\x00"))
        + png_chunk(b"IEND", b"")
    )


def upload(data, name="upload.jpg"):
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def refused(data, name="upload.jpg"):
    """The messages clean_upload() refuses `data` with."""
    with pytest.raises(ValidationError) as caught:
        clean_upload(upload(data, name))
    return caught.value.messages


def opened(content_file):
    content_file.seek(0)
    image = Image.open(io.BytesIO(content_file.read()))
    image.load()
    return image


# Refusals -----------------------------------------------------------------------


def test_renamed_text_file_is_refused():
    """A text file named like a photo is refused for what it contains."""
    assert refused(b"Minutes of the meeting\n" * 50, "photo.jpg") == [NOT_AN_IMAGE]


@pytest.mark.parametrize("fmt", ["GIF", "BMP", "TIFF"])
def test_other_image_formats_are_refused(fmt):
    """Real images in formats other than JPEG, PNG and WebP are refused, whatever their name."""
    assert refused(encoded(Image.new("RGB", (40, 30), "navy"), fmt), "photo.png") == [NOT_AN_IMAGE]


def test_file_over_10_mb_is_refused_before_decoding(monkeypatch):
    """An 11 MB file is refused on its size alone: Pillow never opens it."""

    def no_decoding(*args, **kwargs):
        raise AssertionError("decoded a file that was too big")

    monkeypatch.setattr(images.Image, "open", no_decoding)
    data = encoded(Image.new("RGB", (20, 20)), "JPEG") + b"\0" * (11 * 1024 * 1024)
    assert refused(data) == [FILE_TOO_BIG]


def test_41_megapixel_header_only_png_is_refused():
    """A tiny PNG whose header claims 41 megapixels (a decompression bomb) is refused."""
    data = png_header_only(8000, 5125)
    assert len(data) < 100
    assert refused(data, "bomb.png") == [TOO_MANY_PIXELS]


def test_10000_by_10000_header_is_refused():
    """100 megapixels, which Pillow's default limit only warns about, is refused."""
    assert refused(png_header_only(10_000, 10_000), "bomb.png") == [TOO_MANY_PIXELS]


def test_40_megapixel_limit_holds_without_pillows_guard(monkeypatch):
    """The header's width x height is checked by us too, even with Pillow's guard off."""
    monkeypatch.setattr(images.Image, "MAX_IMAGE_PIXELS", None)
    assert refused(png_header_only(8000, 5125), "bomb.png") == [TOO_MANY_PIXELS]


def test_bomb_warning_is_an_error_inside_the_call_only(monkeypatch):
    """Pillow's bomb warning refuses the file even where warnings are ignored; filters are kept."""
    # Only Pillow's warning (above 40 MP, under 80 MP) can stop this file now.
    monkeypatch.setattr(images, "MAX_PIXELS", 100_000_000)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        before = list(warnings.filters)
        assert refused(png_header_only(8000, 5125), "bomb.png") == [TOO_MANY_PIXELS]
        assert warnings.filters == before


def test_truncated_jpeg_is_refused():
    """A JPEG cut off half-way is refused as damaged."""
    data = encoded(noisy((200, 200)), "JPEG", quality=90)
    assert refused(data[: len(data) // 2]) == [DAMAGED]


def test_png_with_a_broken_checksum_is_refused():
    """A PNG whose pixel data was altered after writing is refused as damaged."""
    data = bytearray(encoded(noisy((64, 64)), "PNG"))
    idat = data.index(b"IDAT")
    data[idat + 40] ^= 0xFF
    assert refused(bytes(data), "photo.png") == [DAMAGED]


# Cleaning -------------------------------------------------------------------------


def test_exif_and_gps_removed_and_orientation_applied():
    """EXIF (GPS, camera), XMP and comments are gone; orientation 6 is turned upright."""
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make] = "SecretCam"
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (34.0, 1.0, 12.0),
        ExifTags.GPS.GPSLongitudeRef: "W",
        ExifTags.GPS.GPSLongitude: (6.0, 50.0, 2.0),
    }
    # Left half red, right half blue: upright, red is on top.
    source = Image.new("RGB", (80, 40), (220, 0, 0))
    source.paste((0, 0, 220), (40, 0, 80, 40))
    data = encoded(
        source, "JPEG", exif=exif, xmp=b"<x:xmpmeta>secret-xmp</x:xmpmeta>", comment="secret"
    )
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(ExifTags.IFD.GPSInfo)

    cleaned = clean_upload(upload(data, "IMG_0042.JPG"))
    raw = cleaned.read()
    image = opened(cleaned)

    assert cleaned.name == "img_0042.jpg"
    assert image.format == "JPEG" and image.size == (40, 80)
    assert not image.getexif()
    assert not {"exif", "xmp", "comment", "icc_profile"} & set(image.info)
    assert b"Exif" not in raw and b"SecretCam" not in raw and b"secret" not in raw
    red, green, blue = image.getpixel((20, 10))
    assert red > 180 and blue < 60
    red, green, blue = image.getpixel((20, 70))
    assert blue > 180 and red < 60
    assert image.info.get("progressive") == 1


def test_icc_profile_is_converted_to_srgb_and_dropped():
    """A photo tagged with a colour profile is converted to sRGB; the profile is not kept."""
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    data = encoded(Image.new("RGB", (30, 20), (10, 120, 200)), "JPEG", icc_profile=profile)
    image = opened(clean_upload(upload(data)))
    assert "icc_profile" not in image.info
    assert image.mode == "RGB"


def test_png_transparency_is_kept():
    """A PNG keeps its transparent pixels, whether it has an alpha channel or a palette."""
    rgba = Image.new("RGBA", (40, 40), (0, 0, 0, 0))
    rgba.paste((200, 30, 30, 255), (10, 10, 30, 30))
    palette = Image.new("P", (40, 40), 0)
    palette.putpalette([255, 255, 255, 200, 30, 30])
    palette.paste(1, (10, 10, 30, 30))
    for source, options in ((rgba, {}), (palette, {"transparency": 0})):
        cleaned = clean_upload(upload(encoded(source, "PNG", **options), "Logo.PNG"))
        image = opened(cleaned)
        assert cleaned.name == "logo.png"
        assert image.format == "PNG" and image.mode == "RGBA"
        assert image.getpixel((0, 0))[3] == 0
        assert image.getpixel((20, 20)) == (200, 30, 30, 255)


def test_webp_stays_webp_and_names_are_made_safe():
    """A WebP is stored as WebP; the name is slugified, or "image" if nothing is left."""
    data = encoded(Image.new("RGB", (30, 20), "teal"), "WEBP")
    assert clean_upload(upload(data, "Été 2024 (final).JPG")).name == "ete-2024-final.webp"
    assert clean_upload(upload(data, "صورة.webp")).name == "image.webp"
    assert opened(clean_upload(upload(data))).format == "WEBP"


def test_multi_picture_camera_jpeg_is_a_jpeg():
    """A JPEG with several pictures (MPO, from some cameras) is accepted as a JPEG."""
    first, second = Image.new("RGB", (30, 20), "red"), Image.new("RGB", (30, 20), "blue")
    data = encoded(first, "MPO", save_all=True, append_images=[second])
    assert Image.open(io.BytesIO(data)).format == "MPO"
    image = opened(clean_upload(upload(data, "stereo.jpg")))
    assert image.format == "JPEG" and image.size == (30, 20)


def test_16_bit_grey_png_keeps_its_tones():
    """A 16-bit greyscale PNG is scaled to 8 bits, not clipped to white."""
    data = encoded(Image.new("I;16", (10, 10), 40_000), "PNG")
    assert opened(clean_upload(upload(data, "scan.png"))).getpixel((5, 5)) == (155, 155, 155)


# The form field -------------------------------------------------------------------


class ImageForm(forms.Form):
    image = UploadedImageField()


def test_form_field_shows_the_refusal_and_cleans_to_the_reencoded_file():
    """The admin's field reports the reason as a form error and cleans to the new file."""
    bomb = ImageForm(files={"image": upload(png_header_only(10_000, 10_000), "bomb.png")})
    assert not bomb.is_valid()
    assert bomb.errors["image"] == [TOO_MANY_PIXELS]

    good = ImageForm(files={"image": upload(encoded(Image.new("RGB", (30, 20)), "PNG"), "a.jpg")})
    assert good.is_valid(), good.errors
    assert isinstance(good.cleaned_data["image"], ContentFile)
    assert good.cleaned_data["image"].name == "a.png"
    assert 'accept="image/jpeg,image/png,image/webp"' in str(good["image"])


# Renditions -----------------------------------------------------------------------


def article_with_image(data, name="photo.jpg", **fields):
    article = make_article(**fields)
    article.image.save(name, clean_upload(upload(data, name)), save=True)
    return article


def rendition_files(article):
    storage = article.image.storage
    return {r["name"]: Image.open(storage.path(r["name"])) for r in article.image_renditions}


@pytest.mark.django_db
def test_renditions_are_on_disk_in_three_widths_and_two_formats():
    """A 2000-px photo gets WebP and JPEG copies 480, 960 and 1600 px wide, on disk."""
    article = article_with_image(encoded(noisy((2000, 1125)), "JPEG"))
    article.refresh_from_db()
    renditions = article.image_renditions

    assert [(r["width"], r["format"]) for r in renditions] == [
        (width, fmt) for width in (480, 960, 1600) for fmt in ("jpeg", "webp")
    ]
    files = rendition_files(article)
    for rendition in renditions:
        image = files[rendition["name"]]
        assert image.size == (rendition["width"], rendition["height"])
        assert image.format == {"jpeg": "JPEG", "webp": "WEBP"}[rendition["format"]]
        assert rendition["height"] == round(1125 * rendition["width"] / 2000)
        assert rendition["name"].startswith(f"renditions/{Path(article.image.name).parent}/")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("width", "expected"), [(1200, [480, 960, 1200]), (960, [480, 960]), (300, [300])]
)
def test_renditions_are_never_upscaled(width, expected):
    """No copy is wider than the original; a small one still gets one at its own width."""
    article = article_with_image(encoded(noisy((width, 200)), "JPEG"))
    assert sorted({r["width"] for r in article.image_renditions}) == expected
    assert all(image.width <= width for image in rendition_files(article).values())


@pytest.mark.django_db
def test_transparent_png_gets_png_fallbacks_with_alpha():
    """A transparent PNG gets WebP and PNG copies, both still transparent."""
    source = Image.new("RGBA", (1000, 500), (0, 0, 0, 0))
    source.paste((0, 90, 110, 255), (250, 125, 750, 375))
    article = article_with_image(encoded(source, "PNG"), "logo.png")

    assert {r["format"] for r in article.image_renditions} == {"png", "webp"}
    for image in rendition_files(article).values():
        assert image.mode == "RGBA" and image.getpixel((0, 0))[3] == 0


@pytest.mark.django_db
def test_saving_through_the_orm_makes_and_replaces_the_renditions():
    """Created and changed through the ORM alone, an article gets its copies; a new image
    replaces them and the old files go; clearing the image removes them all."""
    first = clean_upload(upload(encoded(noisy((1000, 500)), "JPEG"), "first.jpg"))
    article = Article.objects.create(
        category=make_category(), title_en="Plain", slug_en="plain", image=first
    )
    storage = article.image.storage
    stored = Article.objects.get(pk=article.pk)
    old = [r["name"] for r in stored.image_renditions]
    assert [r["width"] for r in stored.image_renditions] == [480, 480, 960, 960, 1000, 1000]
    assert all(storage.exists(name) and "first" in name for name in old)

    stored.image = clean_upload(upload(encoded(noisy((800, 400)), "JPEG"), "second.jpg"))
    stored.save()
    new = [r["name"] for r in Article.objects.get(pk=article.pk).image_renditions]
    assert new and not any(storage.exists(name) for name in old)
    assert all(storage.exists(name) and "second" in name for name in new)

    stored = Article.objects.get(pk=article.pk)
    stored.image = ""
    stored.save()
    assert Article.objects.get(pk=article.pk).image_renditions == []
    assert not any(storage.exists(name) for name in new)


@pytest.mark.django_db
def test_other_saves_leave_the_renditions_alone_and_remake_lost_ones(monkeypatch):
    """Saving other fields makes no copies; a save after a copy was lost makes them again."""
    article = article_with_image(encoded(noisy((600, 300)), "JPEG"))
    storage = article.image.storage
    names = [r["name"] for r in article.image_renditions]
    made = []
    monkeypatch.setattr(images, "make_renditions", lambda f: made.append(f) or MAKE(f))

    stored = Article.objects.get(pk=article.pk)
    stored.title_en = "Retitled"
    stored.save()
    assert made == [] and all(storage.exists(name) for name in names)

    storage.delete(names[0])
    stored.save()
    assert len(made) == 1 and all(storage.exists(name) for name in names)
    assert Article.objects.get(pk=article.pk).image_renditions == article.image_renditions


def test_images_of_the_same_name_do_not_share_renditions():
    """Same stem in another month, or with another extension: other renditions."""
    names = [
        "articles/2025/01/photo.jpg",
        "articles/2025/02/photo.jpg",
        "articles/2025/01/photo.png",
    ]
    assert len({rendition_stem(name) for name in names}) == 3
    assert rendition_stem(names[0]) == "renditions/articles/2025/01/photo-jpg"


@pytest.mark.django_db
def test_making_renditions_again_replaces_files_of_the_same_name():
    """Rebuilding writes over the same names, leaving no suffixed duplicates behind."""
    article = article_with_image(encoded(noisy((600, 300)), "JPEG"))
    first = sorted(r["name"] for r in article.image_renditions)
    again = sorted(r["name"] for r in make_renditions(article.image))
    folder = Path(article.image.storage.path(first[0])).parent
    assert again == first
    assert sorted(p.name for p in folder.iterdir()) == sorted(Path(n).name for n in first)


# Pages ------------------------------------------------------------------------------


class Collector(HTMLParser):
    """Start tags with their attributes, and the text inside <figcaption>."""

    def __init__(self):
        super().__init__()
        self.tags, self.caption, self._in_caption = [], "", False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_caption = self._in_caption or tag == "figcaption"

    def handle_endtag(self, tag):
        if tag == "figcaption":
            self._in_caption = False

    def handle_data(self, data):
        if self._in_caption:
            self.caption += data


def parse(response):
    collector = Collector()
    collector.feed(response.content.decode())
    return collector


def widths(srcset):
    return [int(item.split()[-1].rstrip("w")) for item in srcset.split(", ")]


@pytest.fixture
def pictured(db):
    """A published article with a 2000-px photo, described, captioned and credited."""
    return article_with_image(
        encoded(noisy((2000, 1000)), "JPEG"),
        "signing.jpg",
        featured=True,
        image_caption_ar="التوقيع في باريس",
        image_caption_en="The signing in Paris",
        image_caption_fr="La signature à Paris",
        image_credit="Studio Rabat",
    )


def url_in(article, code):
    with translation.override(code):
        return article.get_absolute_url()


def picture_of(page, article):
    """The <source> and <img> of `article`'s picture in a parsed page."""
    stem = Path(article.image.name).stem
    sources = [a for t, a in page.tags if t == "source" and stem in a.get("srcset", "")]
    imgs = [a for t, a in page.tags if t == "img" and stem in a.get("src", "")]
    return sources, imgs


@pytest.mark.parametrize("code", LANGS)
def test_article_page_renders_a_picture_with_srcset_sizes_and_alt(client, pictured, code):
    """The article page has <picture>: WebP and JPEG srcsets, sizes, width, height, alt."""
    page = parse(client.get(url_in(pictured, code)))
    sources, imgs = picture_of(page, pictured)

    assert "picture" in [t for t, _a in page.tags]
    assert len(sources) == 1 and len(imgs) == 1
    source, img = sources[0], imgs[0]
    assert source["type"] == "image/webp"
    assert widths(source["srcset"]) == [480, 960, 1600]
    assert all(".webp" in item for item in source["srcset"].split(", "))
    assert widths(img["srcset"]) == [480, 960, 1600]
    assert all(".jpg" in item for item in img["srcset"].split(", "))
    assert source["sizes"] == img["sizes"] == "(min-width: 48rem) 46rem, 100vw"
    assert img["src"].endswith("-960.jpg")
    assert (img["width"], img["height"]) == ("960", "480")
    assert img["alt"] == getattr(pictured, f"image_alt_{code}")
    assert "lang" not in img
    assert img["fetchpriority"] == "high"


@pytest.mark.parametrize("code", LANGS)
def test_article_page_has_caption_and_credit(client, pictured, code):
    """The article's figure has a figcaption with the caption in the language and the credit."""
    page = parse(client.get(url_in(pictured, code)))
    assert getattr(pictured, f"image_caption_{code}") in page.caption
    assert "Studio Rabat" in page.caption


def test_caption_in_another_language_is_marked_and_alt_fallback_has_lang(client, db):
    """A caption and alt text shown in a fallback language carry that language's lang."""
    article = article_with_image(
        encoded(noisy((1000, 500)), "JPEG"),
        image_alt_fr="",
        image_caption_en="Only in English",
    )
    response = client.get(url_in(article, "fr"))
    _sources, imgs = picture_of(parse(response), article)
    assert imgs[0]["alt"] == article.image_alt_en and imgs[0]["lang"] == "en"
    assert '<span lang="en" dir="ltr">Only in English</span>' in response.content.decode()


def test_decorative_image_has_empty_alt(client, db):
    """An image marked decorative is rendered with alt="" even if it has a description."""
    article = article_with_image(encoded(noisy((1000, 500)), "JPEG"), image_decorative=True)
    for url in (url_in(article, "en"), "/en/"):
        _sources, imgs = picture_of(parse(client.get(url)), article)
        assert imgs and all(img["alt"] == "" for img in imgs)


@pytest.mark.parametrize("code", LANGS)
def test_home_and_list_cards_use_pictures_without_captions(client, pictured, code):
    """Home (featured) and news list cards use the renditions with their own sizes; no caption."""
    other = article_with_image(encoded(noisy((1000, 500)), "JPEG"), "card.jpg")
    with translation.override(code):
        home = parse(client.get(f"/{code}/"))
        listing = parse(client.get(f"/{code}/news/"))

    _sources, featured = picture_of(home, pictured)
    assert featured[0]["class"] == "featured__image"
    assert featured[0]["sizes"].startswith("(min-width: 72rem) 41rem")
    assert featured[0]["alt"] == getattr(pictured, f"image_alt_{code}")
    for page in (home, listing):
        sources, cards = picture_of(page, other)
        assert cards[0]["class"] == "card__image" and cards[0]["loading"] == "lazy"
        assert widths(sources[0]["srcset"]) == [480, 960, 1000]
        assert (cards[0]["width"], cards[0]["height"]) == ("960", "480")
        assert cards[0]["alt"] == getattr(other, f"image_alt_{code}")
        assert not page.caption


def test_without_renditions_the_original_is_shown(client, db):
    """An image without renditions (stored before they were made) is shown as is, with its size."""
    article = make_article()
    article.image.save("plain.jpg", clean_upload(upload(encoded(noisy((300, 200)), "JPEG"))))
    Article.objects.filter(pk=article.pk).update(image_renditions=[])
    page = parse(client.get(url_in(article, "en")))
    sources, imgs = picture_of(page, article)
    assert not sources
    assert imgs[0]["src"] == article.image.url
    assert (imgs[0]["width"], imgs[0]["height"]) == ("300", "200")


class ArticleImageForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = ["image"]
        field_classes = {"image": UploadedImageField}


@pytest.mark.django_db
def test_model_form_stores_the_cleaned_file_and_nothing_when_refused():
    """As a model form's field, it stores the re-encoded file; a refused upload stores nothing."""
    article = make_article()
    refused_form = ArticleImageForm(
        files={"image": upload(b"not an image", "photo.jpg")}, instance=article
    )
    assert not refused_form.is_valid()
    assert refused_form.errors["image"] == [NOT_AN_IMAGE]
    article.refresh_from_db()
    assert not article.image

    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "SecretCam"
    data = encoded(Image.new("RGB", (64, 36), "teal"), "JPEG", exif=exif)
    form = ArticleImageForm(files={"image": upload(data, "Rabat Day 1.jpeg")}, instance=article)
    assert form.is_valid(), form.errors
    form.save()
    article.refresh_from_db()
    assert Path(article.image.name).name == "rabat-day-1.jpg"
    assert (article.image_width, article.image_height) == (64, 36)
    assert b"SecretCam" not in Path(article.image.path).read_bytes()


@pytest.mark.django_db
def test_failed_rebuild_leaves_the_original_shown(monkeypatch):
    """If making renditions fails, the article keeps none, so pages show the original."""
    article = article_with_image(encoded(noisy((600, 300)), "JPEG"))

    def broken(field_file):
        raise OSError("disk full")

    monkeypatch.setattr(images, "make_renditions", broken)
    with pytest.raises(OSError):
        refresh_renditions(article)
    article.refresh_from_db()
    assert article.image_renditions == []
