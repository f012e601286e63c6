import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.views.generic import DetailView, ListView, TemplateView

from portal.translation import fallback_languages

from .forms import AgreementFilterForm, ArticleFilterForm
from .models import LANGUAGE_CODES, Agreement, Article, Partner, Signatory

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
        urls = {}
        for code in LANGUAGE_CODES:
            query = self.request.GET.copy()
            with translation.override(code):
                query["category"] = category.slug
                urls[code] = f"{reverse('news:article_list')}?{query.urlencode()}"
        return urls


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
        slug = self.kwargs["slug"]
        any_slug = Q()
        for code in LANGUAGE_CODES:
            any_slug |= Q(**{f"slug_{code}": slug})
        candidates = list(
            Article.objects.published()
            .filter(any_slug, published_at__date=day)
            .select_related("category", "agreement")
        )
        if not candidates:
            raise Http404("No published article at this address.")
        # Prefer the article whose slug is this language's own.
        candidates.sort(key=lambda article: article.slug != slug)
        return candidates[0]

    def get_context_data(self, **kwargs):
        article = self.object
        agreement = getattr(article, "agreement", None)
        if agreement is not None:
            agreement = (
                Agreement.objects.filter(pk=agreement.pk)
                .prefetch_related(
                    "partners",
                    Prefetch("signatories", Signatory.objects.select_related("party")),
                )
                .get()
            )
        alternate_urls = {}
        for code in LANGUAGE_CODES:
            with translation.override(code):
                alternate_urls[code] = article.get_absolute_url()
        absolute_url = self.request.build_absolute_uri(article.get_absolute_url())
        return super().get_context_data(
            agreement=agreement,
            latest_articles=latest_articles(exclude=article),
            alternate_urls=alternate_urls,
            fallback_names=translation.gettext(", ").join(
                str(translation.get_language_info(code)["name_translated"])
                for code in fallback_languages(article, ["title", "summary", "body"])
            ),
            absolute_url=absolute_url,
            share_query=urlencode({"url": absolute_url, "text": article.title}),
            **kwargs,
        )


class AgreementListView(FilteredListView):
    template_name = "news/agreement_list.html"
    context_object_name = "agreements"
    paginate_by = 20
    filter_form_class = AgreementFilterForm
    extra_context = {"section": "agreements"}

    def get_base_queryset(self):
        return agreements_for_display()


class AgreementDetailView(DetailView):
    template_name = "news/agreement_detail.html"
    context_object_name = "agreement"
    extra_context = {"section": "agreements"}

    def get_queryset(self):
        return agreements_for_display().prefetch_related(
            Prefetch("signatories", Signatory.objects.select_related("party"))
        )


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
