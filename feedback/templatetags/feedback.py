from django import template

from feedback.forms import RatingForm

register = template.Library()


@register.inclusion_tag("includes/feedback_widget.html", takes_context=True)
def feedback_widget(context):
    """The satisfaction question, for the page being shown (or a form to show again)."""
    request = context["request"]
    form = context.get("rating_form") or RatingForm(initial={"path": request.get_full_path()})
    return {
        "form": form,
        "request": request,
        "thanked": request.GET.get("feedback") == "thanks",
    }
