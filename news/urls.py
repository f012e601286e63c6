from django.urls import path, register_converter

from . import converters, views

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
    path("agreements/", views.AgreementListView.as_view(), name="agreement_list"),
    path("agreements/<int:pk>/", views.AgreementDetailView.as_view(), name="agreement"),
    path("partners/", views.PartnerListView.as_view(), name="partner_list"),
    path("partners/<slug:slug>/", views.PartnerDetailView.as_view(), name="partner"),
]
