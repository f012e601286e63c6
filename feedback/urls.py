from django.urls import path

from . import feeds, views

app_name = "feedback"
urlpatterns = [
    path("feedback/", views.rate, name="rate"),
    path("you-said-we-did/", views.YouSaidWeDidView.as_view(), name="you_said_we_did"),
    path("you-said-we-did/feed/", feeds.ImprovementFeed(), name="you_said_we_did_feed"),
]
