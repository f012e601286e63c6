from django import template

from news.structured_data import describe, page_metadata

register = template.Library()


@register.simple_tag(takes_context=True)
def page_meta(context):
    """`{% page_meta as meta %}`: the page's canonical address, alternates, share tags, JSON-LD."""
    return page_metadata(context)


@register.simple_tag
def page_description(obj):
    """`{% page_description agreement %}`: the description share previews also use."""
    return describe(obj)
