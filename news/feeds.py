"""
Atom feeds of the latest public articles, per language and per category.

The feed's language is the page's (`xml:lang` on `<feed>`). An article with
no text of its own in that language is still an entry, in the fallback
language the site shows it in, and says so with `xml:lang` on its `<entry>`
(and on its `<summary>` when the summary comes from yet another language).
Django's syndication framework has no per-item language, so `LocalizedAtomFeed`
adds it through the generator's `item_attributes()` hook.
"""

from urllib.parse import urlsplit

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import urlencode
from django.utils.translation import get_language_info, gettext

from sitekit.languages import language_code, localized

from .models import Article, Category
from .structured_data import SITE_NAME, feed_title

FEED_LENGTH = 20


class LocalizedAtomFeed(Atom1Feed):
    """Atom 1.0 whose entries carry their own language."""

    def item_attributes(self, item):
        return {**super().item_attributes(item), "xml:lang": item["language"]}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        # Plain text, so written here rather than as Django's HTML description.
        summary = item["summary"]
        if summary:
            attributes = {"type": "text"}
            if summary.lang != item["language"]:
                attributes["xml:lang"] = summary.lang
            handler.addQuickElement("summary", summary.text, attributes)


class LatestArticlesFeed(Feed):
    feed_type = LocalizedAtomFeed

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        # An entry's id must survive a corrected slug: it is built from the
        # article's permanent link and the feed's language, not its address.
        host = urlsplit(request.build_absolute_uri("/")).hostname
        for item in feed.items:
            day = timezone.localtime(item["pubdate"]).date().isoformat()
            item["unique_id"] = f"tag:{host},{day}:{item['permalink']}{feed.feed['language']}"
        return feed

    def items(self, obj):
        return Article.objects.published().for_listing()[:FEED_LENGTH]

    def title(self, obj):
        return feed_title()

    def subtitle(self, obj):
        return gettext("News and cooperation agreements of the %(site)s, in %(language)s.") % {
            "site": SITE_NAME,
            "language": get_language_info(language_code())["name_translated"],
        }

    def link(self, obj):
        return reverse("news:article_list")

    def author_name(self, obj):
        return str(SITE_NAME)

    def item_title(self, item):
        # Atom titles are text: the XML writer escapes them, so no HTML escaping here.
        return localized(item, "title").text

    def item_description(self, item):
        return None  # The summary is written by LocalizedAtomFeed, as text.

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.modified_at

    def item_categories(self, item):
        return [item.category.name]

    def item_extra_kwargs(self, item):
        return {
            "language": localized(item, "title").lang,
            "summary": localized(item, "summary"),
            "permalink": reverse("article_permalink", kwargs={"pk": item.pk}),
        }


class CategoryFeed(LatestArticlesFeed):
    """The latest articles of one category, at its slug in the feed's language."""

    def __call__(self, request, *args, **kwargs):
        category = self.get_object(request, *args, **kwargs)
        if category.slug != kwargs["slug"]:
            # Another language's slug: this language's own address.
            return redirect("news:category_feed", slug=category.slug, permanent=True)
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, slug):
        category = Category.objects.with_slug(slug).first()
        if category is None:
            raise Http404("No such category.")
        return category

    def items(self, obj):
        return Article.objects.published().for_listing().filter(category=obj)[:FEED_LENGTH]

    def title(self, obj):
        return feed_title(obj)

    def subtitle(self, obj):
        return gettext("The latest articles in the category %(category)s, in %(language)s.") % {
            "category": obj.name,
            "language": get_language_info(language_code())["name_translated"],
        }

    def link(self, obj):
        return f"{reverse('news:article_list')}?{urlencode({'category': obj.slug})}"
