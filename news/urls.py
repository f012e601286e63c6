from django.urls import path, re_path, register_converter

from . import converters, feeds, views

register_converter(converters.FourDigitYearConverter, "yyyy")
register_converter(converters.TwoDigitConverter, "dd")
register_converter(converters.UnicodeSlugConverter, "uslug")

app_name = "news"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("news/", views.ArticleListView.as_view(), name="article_list"),
    path(
        "news/<yyyy:year>/<dd:month>/<dd:day>/<uslug:slug>/",
        views.ArticleDetailView.as_view(),
        name="article",
    ),
    path("preview/articles/<int:pk>/", views.ArticlePreviewView.as_view(), name="preview"),
    path("agreements/", views.AgreementListView.as_view(), name="agreement_list"),
    path("agreements/<int:pk>/", views.AgreementDetailView.as_view(), name="agreement"),
    path("partners/", views.PartnerListView.as_view(), name="partner_list"),
    path("partners/<slug:slug>/", views.PartnerDetailView.as_view(), name="partner"),
    path("search/", views.SearchView.as_view(), name="search"),
    re_path(
        r"^agreements\.(?P<format>csv|json)$",
        views.AgreementDataView.as_view(),
        name="agreement_data",
    ),
    path("agreements.ics", views.agreement_calendar, name="agreement_calendar"),
    path("feeds/news/", feeds.LatestArticlesFeed(), name="feed"),
    path("feeds/categories/<uslug:slug>/", feeds.CategoryFeed(), name="category_feed"),
]
