from django.urls import path

from . import views

urlpatterns = [
    path("logga-in/", views.LoginView.as_view(), name="navet_login"),
    path("logga-ut/", views.LogoutView.as_view(), name="navet_logout"),
]
