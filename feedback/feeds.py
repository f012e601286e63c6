"""An Atom feed of the "You said, we did" notes, in the page's language."""

import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext

from sitekit.languages import localized

from .models import Improvement

FEED_LENGTH = 20


class LocalizedAtomFeed(Atom1Feed):
    """Atom whose entries say their language when it is a fallback's."""

    def item_attributes(self, item):
        return {**super().item_attributes(item), "xml:lang": item["language"]}


class ImprovementFeed(Feed):
    feed_type = LocalizedAtomFeed

    def title(self):
        return gettext("You said, we did")

    def subtitle(self):
        return gettext("What we changed on this site because of what visitors told us.")

    def link(self):
        return reverse("feedback:you_said_we_did")

    def items(self):
        return Improvement.objects.public()[:FEED_LENGTH]

    def item_title(self, item):
        return localized(item, "title").text

    def item_description(self, item):
        # Plain text, escaped by the feed writer.
        return localized(item, "text").text

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.datetime.combine(item.made_on, datetime.time(12)))

    def item_updateddate(self, item):
        return item.updated_at

    def item_extra_kwargs(self, item):
        return {"language": localized(item, "title").lang}
