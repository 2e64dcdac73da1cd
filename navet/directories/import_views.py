"""The admin's import of evaluation figures (W3.4): upload a file for a service, see every
row checked, confirm – or correct the file and upload it again. Only the editors of the
service's committee's administration (and the infomaster) import its figures."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import AdminDateInput

from . import imports
from .models import Service

URL_NAME = "navet_import_figures"
CONFIRM_URL_NAME = "navet_import_figures_confirm"
TEMPLATE_URL_NAME = "navet_import_figures_template"


class ImportFiguresForm(forms.Form):
    service = forms.ModelChoiceField(
        label=gettext_lazy("Service"),
        queryset=Service.objects.none(),
        help_text=gettext_lazy("The service whose providers the figures are for."),
    )
    published_on = forms.DateField(
        label=gettext_lazy("Published on"),
        widget=AdminDateInput,
        help_text=gettext_lazy("When the source (e.g. Socialstyrelsen or Kolada) published them."),
    )
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(
            "An Excel workbook (.xlsx) or a CSV file with the columns provider, year, measure "
            "and value (or utförare, år, mått, värde). One figure per row."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def __init__(self, *args, services, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > imports.MAX_FILE_SIZE:
            raise ValidationError(
                _("The file is larger than %(size)s MB. Split it into smaller files.")
                % {"size": imports.MAX_FILE_SIZE // (1024 * 1024)}
            )
        return upload


class ImportPermissionMixin:
    """Refuses users who may import for no service, and any service not theirs."""

    def dispatch(self, request, *args, **kwargs):
        self.services = imports.services_for_import(request.user)
        try:
            if not self.services.exists():
                raise PermissionDenied
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied:
            # A real 403 (Wagtail would turn PermissionDenied into a redirect home).
            return TemplateResponse(
                request,
                "directories/admin/import_forbidden.html",
                {"page_title": _("Import evaluation figures"), "header_icon": "table"},
                status=403,
            )

    def allowed_service(self, service_id) -> Service | None:
        """The chosen service; None if none was chosen; 403 for one the user may not use."""
        if not service_id:
            return None
        try:
            service = Service.objects.filter(pk=int(service_id)).first()
        except (TypeError, ValueError):
            return None
        if service is not None and not self.services.filter(pk=service.pk).exists():
            raise PermissionDenied
        return service


class ImportFiguresView(ImportPermissionMixin, WagtailAdminTemplateMixin, View):
    page_title = gettext_lazy("Import evaluation figures")
    header_icon = "table"
    template_name = "directories/admin/import_figures.html"
    preview_template_name = "directories/admin/import_figures_preview.html"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_form(self, data=None, files=None):
        initial = {"published_on": timezone.localdate()}
        service = self.allowed_service(self.request.GET.get("service"))
        if service is not None:
            initial["service"] = service
        elif self.services.count() == 1:
            initial["service"] = self.services.first()
        return ImportFiguresForm(data, files, services=self.services, initial=initial)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            services=self.services,
            action_url=reverse(URL_NAME),
            template_url=reverse(TEMPLATE_URL_NAME),
            max_rows=imports.MAX_ROWS,
        )
        return context

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.get_form()))

    def post(self, request, *args, **kwargs):
        self.allowed_service(request.POST.get("service"))
        form = self.get_form(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        service = form.cleaned_data["service"]
        published_on = form.cleaned_data["published_on"]
        try:
            preview = imports.parse_figures(
                file=form.cleaned_data["file"], service=service, published_on=published_on
            )
        except imports.FigureFileError as error:
            form.add_error("file", error)
            return self.render_to_response(self.get_context_data(form=form))
        payload = (
            None
            if preview.has_errors
            else imports.sign_rows(preview=preview, published_on=published_on, user=request.user)
        )
        # A new upload starts from the same choices, without the file.
        retry_form = ImportFiguresForm(
            services=self.services, initial={"service": service, "published_on": published_on}
        )
        context = self.get_context_data(
            form=retry_form,
            preview=preview,
            service=service,
            published_on=published_on,
            payload=payload,
            confirm_url=reverse(CONFIRM_URL_NAME),
        )
        return self.response_class(
            request=request,
            template=[self.preview_template_name],
            context=context,
            using=self.template_engine,
        )


class ConfirmImportView(ImportPermissionMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            service, published_on, rows = imports.rows_from_payload(
                payload=request.POST.get("payload", ""), user=request.user
            )
        except imports.ImportRefused as refusal:
            for message in refusal.messages:
                messages.error(request, message)
            return redirect(URL_NAME)
        self.allowed_service(service.pk)
        try:
            result = imports.import_figures(
                rows=rows, service=service, published_on=published_on, user=request.user
            )
        except imports.ImportRefused as refusal:
            messages.error(request, _("Nothing was imported:") + " " + " ".join(refusal.messages))
            return redirect(f"{reverse(URL_NAME)}?service={service.pk}")
        messages.success(
            request,
            _(
                "Imported the figures for %(service)s: %(created)s new, %(updated)s changed, "
                "%(unchanged)s unchanged."
            )
            % {
                "service": service,
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
            },
        )
        listing = reverse("wagtailsnippets_directories_evaluationfigure:list")
        return redirect(f"{listing}?measure__service={service.pk}")


class TemplateDownloadView(ImportPermissionMixin, View):
    """A file to fill in: the service's providers and measures, the values left blank."""

    http_method_names = ["get"]

    def get(self, request, *args, **kwargs):
        service = self.allowed_service(request.GET.get("service"))
        if service is None:
            messages.error(request, _("Choose a service for the template."))
            return redirect(URL_NAME)
        if request.GET.get("format") == imports.CSV:
            body, content_type, extension = (
                imports.template_csv(service=service),
                "text/csv; charset=utf-8",
                "csv",
            )
        else:
            body, content_type, extension = (
                imports.template_xlsx(service=service),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "xlsx",
            )
        response = HttpResponse(body, content_type=content_type)
        filename = f"utvarderingssiffror-{service.slug}.{extension}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class ImportFiguresMenuItem(MenuItem):
    def is_shown(self, request):
        return imports.may_import_at_all(request.user)


def admin_urls():
    return [
        path("directories/import-figures/", ImportFiguresView.as_view(), name=URL_NAME),
        path(
            "directories/import-figures/confirm/",
            ConfirmImportView.as_view(),
            name=CONFIRM_URL_NAME,
        ),
        path(
            "directories/import-figures/template/",
            TemplateDownloadView.as_view(),
            name=TEMPLATE_URL_NAME,
        ),
    ]


def menu_item():
    return ImportFiguresMenuItem(
        gettext_lazy("Import evaluation figures"),
        reverse(URL_NAME),
        icon_name="table",
        order=70,
    )


def register_log_actions(actions):
    actions.register_action(
        imports.LOG_ACTION,
        gettext_lazy("Import evaluation figures"),
        gettext_lazy("Imported evaluation figures from a file"),
    )
