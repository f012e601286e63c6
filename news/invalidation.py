"""
What tells the page cache that public content changed (sitekit/pagecache.py).

Signals rather than `save()`, on purpose: they also fire for the writes that
bypass `save()` (django-reversion's revert saves raw, deletes cascade, the
many-to-many partners of an agreement change without saving it). Connected
in `NewsConfig.ready()`. The code makes no `QuerySet.update()` or
`bulk_create()` on these models; any that is added must call
`content_changed()` itself (they send no signal).
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from sitekit.pagecache import content_changed

from .models import Agreement, Article, Category, Partner, Signatory

SHOWN_ON_PUBLIC_PAGES = [Article, Agreement, Signatory, Partner, Category]


def _changed(sender, **kwargs):
    content_changed()


def connect():
    for model in SHOWN_ON_PUBLIC_PAGES:
        post_save.connect(_changed, sender=model, dispatch_uid=f"pagecache-save-{model.__name__}")
        post_delete.connect(
            _changed, sender=model, dispatch_uid=f"pagecache-delete-{model.__name__}"
        )
    m2m_changed.connect(
        _changed, sender=Agreement.partners.through, dispatch_uid="pagecache-agreement-partners"
    )
