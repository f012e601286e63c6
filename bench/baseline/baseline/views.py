from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt


def page(request):
    """A page as large as the portal's (about 40 KB), from a template with nothing to compute."""
    return render(request, "page.html")


@csrf_exempt  # As the portal's rating endpoint: wrk carries no CSRF token.
def ok(request):
    """The least a POST can cost through Django's default middleware."""
    return HttpResponse("ok")
