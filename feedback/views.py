from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db.models import Count, Q
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import ListView

from sitekit import metrics

from .forms import RatingForm
from .models import REPLACE_WINDOW, Improvement, Rating
from .throttle import allow_rating, first_rating_token

COOKIE_NAME = "portal_rater"
MAX_BODY_BYTES = 16_384


def is_same_site(request):
    """
    True unless the browser says the form was sent from another site.

    Browsers send Origin with every POST (and Referer under our policy); a
    request with neither does not come from a cross-site page in a browser.
    """
    origin = request.headers.get("Origin")
    referer = request.headers.get("Referer")
    source = origin if origin is not None else referer
    if source is None:
        return True
    parts = urlsplit(source)
    if parts.scheme not in ("http", "https"):
        return False
    own = f"{request.scheme}://{request.get_host()}"
    trusted = {own, *settings.CSRF_TRUSTED_ORIGINS}
    return f"{parts.scheme}://{parts.netloc}" in trusted


def wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def refuse(request, status, message, form=None, path=None):
    """An error in the visitor's language: JSON for scripts, the form again for people."""
    if wants_json(request):
        errors = form.errors.get_json_data() if form is not None else {}
        return JsonResponse(
            {
                "ok": False,
                "message": message,
                "errors": {
                    field: [error["message"] for error in field_errors]
                    for field, field_errors in errors.items()
                },
            },
            status=status,
        )
    if form is None:
        path = request.POST.get("path", "") if path is None else path
        form = RatingForm(initial={"path": path})
    response = render(
        request,
        "feedback/rating_page.html",
        {"rating_form": form, "message": message, "back_url": form.return_url(thanks=False)},
        status=status,
    )
    if status == 405:
        response["Allow"] = "POST"
    return response


@csrf_exempt  # The widget lives on cacheable pages: no per-visitor token; see is_same_site.
@never_cache
def rate(request):
    """Take one visitor's answer to the satisfaction question."""
    if request.method != "POST":
        metrics.record_rating_refused("method")
        return refuse(
            request,
            405,
            _("Ratings are sent with the form at the bottom of every page."),
        )
    if not is_same_site(request):
        metrics.record_rating_refused("cross-site")
        return refuse(request, 403, _("Ratings can only be sent from this site's own pages."))
    try:
        if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BODY_BYTES:
            raise RequestDataTooBig
        data = request.POST
    except (RequestDataTooBig, ValueError):
        # The body is never parsed, not even to show the form again.
        metrics.record_rating_refused("too-large")
        return refuse(request, 413, _("This rating is far too long to be sent."), path="")
    if not allow_rating(request):
        metrics.record_rating_refused("rate-limited")
        return refuse(
            request,
            429,
            _("You have sent many ratings from this connection. Please try again in an hour."),
        )

    form = RatingForm(data)
    if not form.is_valid():
        metrics.record_rating_refused("invalid")
        return refuse(request, 400, _("Your rating could not be saved yet:"), form)

    response = thank(request, form)
    if form.is_bot:
        metrics.record_rating_refused("bot")
        return response
    earlier_token = request.COOKIES.get(COOKIE_NAME)
    answer = {
        "score": form.cleaned_data["score"],
        "comment": form.cleaned_data["comment"],
        "path": form.cleaned_data["path"],
        "language": get_language(),
    }
    rating, token = Rating.objects.record(
        earlier_token, new_token=lambda: first_rating_token(request, answer.values()), **answer
    )
    metrics.record_rating_stored(replaced=bool(earlier_token) and token == earlier_token)
    remaining = rating.created_at + REPLACE_WINDOW - rating.updated_at
    response.set_cookie(
        COOKIE_NAME,
        token,
        max_age=max(int(remaining.total_seconds()), 0),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


def thank(request, form):
    message = _("Thank you! Your answer has been recorded.")
    if wants_json(request):
        return JsonResponse({"ok": True, "message": message})
    return redirect(form.return_url())


class YouSaidWeDidView(ListView):
    """What changed because of visitors' feedback, and how much of it was read."""

    template_name = "feedback/you_said_we_did.html"
    context_object_name = "improvements"
    paginate_by = 20
    extra_context = {"section": "you-said-we-did"}

    def get_queryset(self):
        return Improvement.objects.public().annotate(
            answer_count=Count("ratings", filter=~Q(ratings__state=Rating.State.ABUSIVE))
        )

    def get_context_data(self, **kwargs):
        # Counts may lag by the page cache's time (new ratings do not empty it; triage does).
        return {**super().get_context_data(**kwargs), "months": Rating.objects.monthly()[::-1]}
