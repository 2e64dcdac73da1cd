from django.urls import path

from . import request_views

urlpatterns = [
    path("", request_views.open_case, name="navet_open_case"),
]
