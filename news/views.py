import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView, TemplateView, View

from sitekit.languages import best_language, fallback_languages, in_each_language, language_code
from sitekit.paging import KeysFirstPaginator

from . import calendar, opendata
from .forms import AgreementFilterForm, ArticleFilterForm
from .models import SEARCH_DOCUMENTS, Agreement, Article, Partner, PendingChange, Signatory
from .pending import load as load_pending
from .search import MAX_QUERY_LENGTH, clean_query, search

LATEST_COUNT = 5


def latest_articles(exclude=None, count=LATEST_COUNT):
    articles = Article.objects.published().for_listing()
    if exclude is not None:
        articles = articles.exclude(pk=exclude.pk)
    return articles[:count]


def agreements_for_display():
    return Agreement.objects.visible().for_listing()


class FilteredListView(ListView):
    """A list whose GET filters come from a form; bad filters are shown and answered 400."""

    filter_form_class = None
    paginator_class = KeysFirstPaginator

    def get_queryset(self):
        self.filter_form = self.filter_form_class(self.request.GET or None)
        return self.filter_form.filter(self.get_base_queryset())

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter_form=self.filter_form, **kwargs)

    def render_to_response(self, context, **response_kwargs):
        if self.filter_form.is_bound and self.filter_form.errors:
            response_kwargs["status"] = 400
        return super().render_to_response(context, **response_kwargs)


class HomeView(TemplateView):
    template_name = "news/home.html"
    extra_context = {"section": "home"}

    def get_context_data(self, **kwargs):
        articles = Article.objects.published().for_listing()
        featured = articles.filter(featured=True).first() or articles.first()
        latest = articles.exclude(pk=featured.pk) if featured else articles
        return super().get_context_data(
            featured=featured,
            latest_articles=latest[:6],
            latest_agreements=agreements_for_display()[:4],
            **kwargs,
        )


class ArticleListView(FilteredListView):
    template_name = "news/article_list.html"
    context_object_name = "articles"
    paginate_by = settings.NEWS_PAGE_SIZE
    filter_form_class = ArticleFilterForm
    extra_context = {"section": "news"}

    def get_base_queryset(self):
        return Article.objects.published().for_listing()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        category = getattr(self.filter_form, "cleaned_data", {}).get("category")
        if category is not None:
            # The category's slug differs by language: so must the switcher's links.
            context["alternate_urls"] = self.alternate_urls(category)
        return context

    def alternate_urls(self, category):
        def url():
            query = self.request.GET.copy()
            query["category"] = category.slug
            return f"{reverse('news:article_list')}?{query.urlencode()}"

        return in_each_language(url)


class ArticleDetailView(DetailView):
    template_name = "news/article_detail.html"
    context_object_name = "article"
    extra_context = {"section": "news"}

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.kwargs["slug"] != self.object.slug:
            # Reached through another language's slug: send the visitor to
            # this language's own address for the same article.
            return redirect(self.object, permanent=True)
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_object(self, queryset=None):
        try:
            day = datetime.date(self.kwargs["year"], self.kwargs["month"], self.kwargs["day"])
        except ValueError as error:
            raise Http404("No such date.") from error
        article = (
            Article.objects.published()
            .with_slug(self.kwargs["slug"])
            .filter(published_at__date=day)
            .select_related("category", "agreement")
            # The generated search columns: kilobytes that only the search reads.
            .defer(*SEARCH_DOCUMENTS, *(f"agreement__{name}" for name in SEARCH_DOCUMENTS))
            .first()
        )
        if article is None:
            raise Http404("No published article at this address.")
        return article

    def get_context_data(self, **kwargs):
        article = self.object
        agreement = getattr(article, "agreement", None)
        if agreement is not None:
            # Already loaded with the article; only its partners and signatories are left.
            prefetch_related_objects(
                [agreement],
                "partners",
                Prefetch("signatories", Signatory.objects.select_related("party")),
            )
        absolute_url = self.request.build_absolute_uri(article.get_absolute_url())
        return super().get_context_data(
            agreement=agreement,
            latest_articles=latest_articles(exclude=article),
            alternate_urls=in_each_language(article.get_absolute_url),
            fallback_names=translation.gettext(", ").join(
                str(translation.get_language_info(code)["name_translated"])
                for code in fallback_languages(article, ["title", "summary", "body"])
            ),
            absolute_url=absolute_url,
            share_query=urlencode({"url": absolute_url, "text": article.title}),
            permalink=self.request.build_absolute_uri(
                reverse("article_permalink", kwargs={"pk": article.pk})
            ),
            **kwargs,
        )


@method_decorator(staff_member_required, name="dispatch")
class ArticlePreviewView(ArticleDetailView):
    """Any article as the public page would show it, for staff only, with a banner."""

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return self.render_to_response(self.get_context_data(object=self.object, preview=True))

    def get_object(self, queryset=None):
        article = get_object_or_404(
            Article.objects.select_related("category", "agreement"), pk=self.kwargs["pk"]
        )
        if self.request.GET.get("pending"):
            # The version waiting for review (news/pending.py), shown, never saved.
            change = PendingChange.objects.open().for_item(article).first()
            if change is not None:
                load_pending(article, change.data)
        return article

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["alternate_urls"] = in_each_language(
            lambda: reverse("news:preview", kwargs={"pk": self.object.pk})
        )
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        # Drafts must not be indexed or kept by shared caches.
        response["X-Robots-Tag"] = "noindex, nofollow"
        add_never_cache_headers(response)
        return response


class AgreementListView(FilteredListView):
    template_name = "news/agreement_list.html"
    context_object_name = "agreements"
    paginate_by = 20
    filter_form_class = AgreementFilterForm
    extra_context = {"section": "agreements"}

    def get_base_queryset(self):
        return agreements_for_display()

    def get_context_data(self, **kwargs):
        # The download links keep the filters, not the page.
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            data_query=f"?{query.urlencode()}" if query else "", **kwargs
        )


class AgreementDetailView(DetailView):
    template_name = "news/agreement_detail.html"
    context_object_name = "agreement"
    extra_context = {"section": "agreements"}

    def get_queryset(self):
        return agreements_for_display().prefetch_related(
            Prefetch("signatories", Signatory.objects.select_related("party"))
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(chain=self.object.chain_links(), **kwargs)


class PartnerListView(ListView):
    template_name = "news/partner_list.html"
    context_object_name = "partners"
    extra_context = {"section": "partners"}

    def get_queryset(self):
        return Partner.objects.order_by("slug")


class PartnerDetailView(DetailView):
    template_name = "news/partner_detail.html"
    context_object_name = "partner"
    model = Partner
    extra_context = {"section": "partners"}

    def get_context_data(self, **kwargs):
        partner = self.object
        return super().get_context_data(
            agreements=agreements_for_display().filter(partners=partner),
            articles=Article.objects.published()
            .for_listing()
            .filter(agreement__partners=partner)[:12],
            **kwargs,
        )


class AgreementDataView(View):
    """The registry's filtered list as open data: `agreements.csv` or `agreements.json`."""

    def get(self, request, format):
        form = AgreementFilterForm(request.GET or None)
        agreements = form.filter(agreements_for_display().with_chain())
        if form.is_bound and form.errors:
            return self.invalid_filters(form, format)
        records = [opendata.record(item, request.build_absolute_uri) for item in agreements]
        # Public data, read without cookies: any site's scripts may fetch it.
        headers = {"Access-Control-Allow-Origin": "*"}
        if format == "json":
            filters = {name: form.data[name] for name in form.fields if form.data.get(name)}
            return JsonResponse(
                {
                    "language": language_code(),
                    "filters": filters,
                    "count": len(records),
                    "agreements": records,
                },
                headers=headers,
                json_dumps_params={"ensure_ascii": False, "indent": 2},
            )
        headers["Content-Disposition"] = f'attachment; filename="agreements-{language_code()}.csv"'
        return HttpResponse(
            opendata.csv_text(records), content_type="text/csv; charset=utf-8", headers=headers
        )

    def invalid_filters(self, form, format):
        message = translation.gettext(
            "Some filters were not understood. Correct or remove them and try again."
        )
        errors = {name: [str(error) for error in errors] for name, errors in form.errors.items()}
        if format == "json":
            return JsonResponse(
                {"error": message, "filters": errors},
                status=400,
                json_dumps_params={"ensure_ascii": False},
            )
        lines = [message, *(f"{name}: {' '.join(texts)}" for name, texts in errors.items())]
        return HttpResponse(
            "\n".join(lines) + "\n", content_type="text/plain; charset=utf-8", status=400
        )


@require_safe
def agreement_calendar(request):
    """`agreements.ics`: signings and end dates of the visible agreements, in this language."""
    agreements = Agreement.objects.visible().defer(*SEARCH_DOCUMENTS).prefetch_related("partners")
    body = calendar.agreements_calendar(
        agreements.order_by("signed_on", "pk"), request.build_absolute_uri, request.get_host()
    )
    return HttpResponse(
        body,
        content_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": f'inline; filename="agreements-{language_code()}.ics"'},
    )


@require_safe
def article_permalink(request, pk):
    """`/a/<id>/`: the article in the visitor's language, or else in its best translation."""
    article = get_object_or_404(Article.objects.published(), pk=pk)
    wanted = translation.get_language_from_request(request).split("-")[0]
    with translation.override(best_language(article, "title", wanted)):
        response = redirect(article)
    # The answer depends on the browser's languages and the language cookie.
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return response


class SearchView(ListView):
    """Public articles, agreements and partners matching ?q=, in this language (news/search.py)."""

    template_name = "news/search.html"
    context_object_name = "results"
    paginate_by = 20
    # Result pages are not for search engines: noindex, and no canonical address.
    extra_context = {"section": "search", "max_length": MAX_QUERY_LENGTH, "noindex": True}

    def get_queryset(self):
        self.query, self.query_was_cut = clean_query(self.request.GET.get("q"))
        return search(self.query, language_code())

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            query=self.query,
            query_was_cut=self.query_was_cut,
            nothing_to_find=bool(self.query) and not self.object_list.searched,
            more_results=self.object_list.more,
            **kwargs,
        )
