from django.conf import settings
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@never_cache
@require_safe
def health(request):
    """For load balancers: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def media(request, path):
    """Uploaded files, in development only (the web server serves them in production)."""
    return static.serve(request, path, document_root=settings.MEDIA_ROOT)
