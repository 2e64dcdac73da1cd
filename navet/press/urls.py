"""The links in the press room's emails: confirm a subscription, leave it in one click."""

from django.urls import path

from . import public_views

urlpatterns = [
    path("bekrafta/<str:token>/", public_views.confirm, name="navet_press_confirm"),
    path("avsluta/<str:token>/", public_views.unsubscribe, name="navet_press_unsubscribe"),
]
