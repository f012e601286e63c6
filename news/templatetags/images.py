from django import template

from news.images import picture_sources
from sitekit.languages import localized

register = template.Library()


@register.inclusion_tag("news/includes/picture.html")
def article_picture(
    article,
    sizes="100vw",
    loading="lazy",
    decoding="async",
    fetchpriority="",
    caption=False,
    **attrs,
):
    """
    `article`'s image as a `<picture>` with `srcset`; the plain image if it has no renditions.

    `{% article_picture article sizes="(min-width: 48rem) 46rem, 100vw" class="..." %}`.
    With `caption=True` a `<figcaption>` (caption and credit) follows: put the
    tag inside a `<figure>` then.
    """
    css_class = attrs.pop("class", "")
    if attrs:
        raise template.TemplateSyntaxError(
            f"article_picture got unexpected options: {', '.join(sorted(attrs))}"
        )
    return {
        "article": article,
        "picture": picture_sources(article) if article.image else None,
        "alt": None if article.image_decorative else localized(article, "image_alt"),
        "caption": localized(article, "image_caption") if caption else None,
        "credit": article.image_credit if caption else "",
        "sizes": sizes,
        "loading": loading,
        "decoding": decoding,
        "fetchpriority": fetchpriority,
        "css_class": css_class,
    }
