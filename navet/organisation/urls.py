"""Logging in and out, for both sites (accounts and people live in this app). The template,
registration/login.html, is the project's (navet/templates): it extends the sites' base."""

from django.contrib.auth import views as auth_views
from django.urls import path

from . import oidc, views

urlpatterns = [
    path(
        "logga-in/",
        auth_views.LoginView.as_view(
            template_name="registration/login.html", redirect_authenticated_user=True
        ),
        name="navet_login",
    ),
    path("logga-ut/", auth_views.LogoutView.as_view(), name="navet_logout"),
    # Sign-in with the identity provider (oidc.py); under /logga-in/, open on the intranet.
    path("logga-in/oidc/", oidc.ProviderSignInView.as_view(), name="navet_oidc_start"),
    path("logga-in/oidc/svar/", oidc.ProviderCallbackView.as_view(), name="navet_oidc_callback"),
]

# Served in place of Wagtail's own views: navet/urls.py lists these before the admin's URLs.
admin_overrides = [
    # Wagtail's password reset, with limits per address and per email address.
    path(
        "admin/password_reset/",
        views.PasswordResetView.as_view(),
        name="wagtailadmin_password_reset",
    ),
]
