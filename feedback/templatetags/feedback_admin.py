from django import template

from feedback.models import Rating

register = template.Library()


@register.simple_tag(takes_context=True)
def new_comment_count(context):
    """Comments nobody has triaged yet, for staff who may see ratings (None for others)."""
    user = context["request"].user
    if not user.has_perm("feedback.view_rating"):
        return None
    return Rating.objects.new_comments().count()
