"""The crisis desk in the admin (Kris): start an event, write and publish its updates
(intranet first, W3.3b), confirm what a colleague asked for, hand over, end, and export the
log for the evaluation. Who may do what comes from the role assignments (K2, K4)."""

import csv

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from navet.organisation.models import Unit, UnitKind

from . import roster, services
from .models import CrisisEvent, CrisisSettings, CrisisUpdate, EventStatus, OnCallShift, OnCallSwap
from .roles import leads_crisis_communication, may_update
from .selectors import translation_languages, with_translations


class EventForm(forms.ModelForm):
    class Meta:
        model = CrisisEvent
        fields = ["title", "level", "affected_area", "responsible_unit"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible_unit"].queryset = Unit.objects.filter(
            kind__in=(UnitKind.ADMINISTRATION, UnitKind.STAFF, UnitKind.COMPANY)
        )


class UpdateForm(forms.ModelForm):
    class Meta:
        model = CrisisUpdate
        fields = [*CrisisUpdate.translated_fields, "easy_to_read", "internal_only", "sender"]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in (*CrisisUpdate.translated_fields, "easy_to_read")
            if name != "title"
        }


# Scripts written right to left: the translator's fields follow them.
RIGHT_TO_LEFT = ("ar", "fa")


class TranslationForm(forms.ModelForm):
    """An update's text in another language (W3.3e); saved by services.translate_update."""

    class Meta:
        model = CrisisUpdate
        fields = list(CrisisUpdate.translated_fields)

    def __init__(self, *args, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        direction = "rtl" if language in RIGHT_TO_LEFT else "ltr"
        for field in self.fields.values():
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs["rows"] = 3
            field.widget.attrs.update(lang=language, dir=direction)


def _may_see(user, event=None) -> bool:
    return leads_crisis_communication(user) or (event is not None and may_update(user, event))


class CrisisDeskView(WagtailAdminTemplateMixin, TemplateView):
    page_title = gettext_lazy("Crisis communication")
    header_icon = "warning"
    template_name = "crisis/admin/desk.html"

    def dispatch(self, request, *args, **kwargs):
        if not _may_see(request.user):
            handed_over = [
                event
                for event in CrisisEvent.objects.active().exclude(handed_over_at=None)
                if may_update(request.user, event)
            ]
            if not handed_over:
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        events = [
            event
            for event in CrisisEvent.objects.select_related("responsible_unit")
            if _may_see(self.request.user, event)
        ]
        context.update(
            events=events,
            form=kwargs.get("form") or EventForm(),
            leads=leads_crisis_communication(self.request.user),
        )
        return context

    def post(self, request):
        form = EventForm(request.POST)
        if form.is_valid():
            try:
                event = services.start_event(user=request.user, **form.cleaned_data)
            except (ValidationError, PermissionDenied) as error:
                for problem in services.problems_of(error):
                    form.add_error(None, problem)
            else:
                if event.is_active:
                    messages.success(request, _("The crisis event is started."))
                else:
                    messages.warning(request, _("The start awaits a second person's confirmation."))
                return redirect("crisis_event", event.pk)
        return self.render_to_response(self.get_context_data(form=form))


class EventView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "warning"
    template_name = "crisis/admin/event.html"

    def dispatch(self, request, pk):
        self.event = get_object_or_404(CrisisEvent, pk=pk)
        if not _may_see(request.user, self.event):
            raise PermissionDenied
        return super().dispatch(request, pk)

    def get_page_title(self):
        return self.event.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("crisis_desk"), "label": _("Crisis communication")},
            {"url": "", "label": self.event.title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        crisis_unit = CrisisSettings.load().crisis_unit
        context.update(
            event=self.event,
            updates=with_translations(
                self.event.updates.sources().select_related("sender", "requested_by")
            ),
            languages=translation_languages(),
            log=self.event.log.all(),
            form=kwargs.get("form") or UpdateForm(initial={"sender": crisis_unit}),
            leads=leads_crisis_communication(self.request.user),
            may_update=may_update(self.request.user, self.event),
            statuses=EventStatus,
            now=timezone.now(),
        )
        return context

    def post(self, request, pk):
        form = UpdateForm(request.POST)
        if form.is_valid():
            try:
                services.write_update(user=request.user, event=self.event, **form.cleaned_data)
            except (ValidationError, PermissionDenied) as error:
                for problem in services.problems_of(error):
                    form.add_error(None, problem)
            else:
                messages.success(request, _("The update is saved. Publish it on the intranet."))
                return redirect("crisis_event", self.event.pk)
        return self.render_to_response(self.get_context_data(form=form))


class TranslateUpdateView(WagtailAdminTemplateMixin, TemplateView):
    """Write or correct an update's translation into one content language (W3.3e)."""

    header_icon = "globe"
    template_name = "crisis/admin/translate.html"

    def dispatch(self, request, pk, language):
        self.update = get_object_or_404(
            CrisisUpdate.objects.sources().select_related("event", "sender"), pk=pk
        )
        languages = dict(translation_languages())
        if language not in languages:
            raise Http404
        if not may_update(request.user, self.update.event):
            raise PermissionDenied
        self.language, self.language_name = language, languages[language]
        self.translation = (
            self.update.get_translations().filter(locale__language_code=language).first()
        )
        return super().dispatch(request, pk, language)

    def get_page_title(self):
        return _("Translate into %(language)s") % {"language": self.language_name}

    def get_breadcrumbs_items(self):
        event = self.update.event
        return [
            *self.breadcrumbs_items,
            {"url": reverse("crisis_desk"), "label": _("Crisis communication")},
            {"url": reverse("crisis_event", args=[event.pk]), "label": event.title},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            update=self.update,
            translation=self.translation,
            language=self.language,
            language_name=self.language_name,
            form=kwargs.get("form")
            or TranslationForm(instance=self.translation, language=self.language),
        )
        return context

    def post(self, request, pk, language):
        if "remove" in request.POST:
            return self.remove(request, language)
        form = TranslationForm(request.POST, instance=self.translation, language=language)
        if form.is_valid():
            try:
                services.translate_update(
                    user=request.user, update=self.update, language=language, **form.cleaned_data
                )
            except (ValidationError, PermissionDenied) as error:
                for problem in services.problems_of(error):
                    form.add_error(None, problem)
            else:
                messages.success(
                    request,
                    _("The translation into %(language)s is saved.")
                    % {"language": self.language_name},
                )
                return redirect("crisis_event", self.update.event_id)
        return self.render_to_response(self.get_context_data(form=form))

    def remove(self, request, language):
        try:
            services.remove_translation(user=request.user, update=self.update, language=language)
        except (ValidationError, PermissionDenied) as error:
            for problem in services.problems_of(error):
                messages.error(request, problem)
        else:
            messages.success(
                request,
                _("The translation into %(language)s is removed.")
                % {"language": self.language_name},
            )
        return redirect("crisis_event", self.update.event_id)


EVENT_ACTIONS = {
    "confirm": (services.confirm_start, gettext_lazy("Confirmed.")),
    "dismiss": (services.dismiss_suggestion, gettext_lazy("Dismissed.")),
    "hand-over": (
        services.hand_over,
        gettext_lazy("Handed over: the administration now leads the communication."),
    ),
    "end": (services.end_event, gettext_lazy("The crisis event is ended.")),
}
UPDATE_ACTIONS = {
    "intranet": (
        services.publish_on_intranet,
        lambda update: (
            _("Live on the intranet. Publish it on the public website when it concerns everyone.")
            if update.intranet_published_at
            else _("Publishing awaits a second person's confirmation.")
        ),
    ),
    "public": (services.publish_publicly, gettext_lazy("Live on the public website.")),
}


class EventActionView(View):
    def post(self, request, pk, action):
        event = get_object_or_404(CrisisEvent, pk=pk)
        if action not in EVENT_ACTIONS:
            raise PermissionDenied
        act, done = EVENT_ACTIONS[action]
        return _run(request, event, lambda: act(user=request.user, event=event), done)


class UpdateActionView(View):
    def post(self, request, pk, action):
        update = get_object_or_404(CrisisUpdate.objects.select_related("event"), pk=pk)
        if action not in UPDATE_ACTIONS:
            raise PermissionDenied
        act, done = UPDATE_ACTIONS[action]
        return _run(request, update.event, lambda: act(user=request.user, update=update), done)


def _run(request, event, act, done):
    """Refusals are shown, with their rule, and nothing is saved."""
    if not _may_see(request.user, event):
        raise PermissionDenied
    try:
        result = act()
    except (ValidationError, PermissionDenied) as error:
        for problem in services.problems_of(error):
            messages.error(request, problem)
    else:
        messages.success(request, done(result) if callable(done) else str(done))
    return redirect("crisis_event", event.pk)


def _cell(value) -> str:
    """A spreadsheet never runs a cell as a formula."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def export_log(request, pk):
    """The crisis log as CSV, for the evaluation after the event."""
    event = get_object_or_404(CrisisEvent, pk=pk)
    if not _may_see(request.user, event):
        raise PermissionDenied
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="krislogg-{event.pk}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow([_("Time"), _("Action"), _("By"), _("Detail")])
    for entry in event.log.all():
        writer.writerow(
            [
                timezone.localtime(entry.at).strftime("%Y-%m-%d %H:%M:%S"),
                _cell(entry.get_action_display()),
                _cell(entry.actor_name),
                _cell(entry.detail),
            ]
        )
    return response


class AssignWeekForm(forms.Form):
    starts_on = forms.DateField(widget=forms.HiddenInput)
    person = forms.ModelChoiceField(queryset=None, label=gettext_lazy("On-call communicator"))

    def __init__(self, *args, on, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = roster.eligible_people(on=on)


class SwapForm(forms.Form):
    first = forms.ModelChoiceField(queryset=None, label=gettext_lazy("Week"))
    second = forms.ModelChoiceField(queryset=None, label=gettext_lazy("Swap with the week"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        coming = OnCallShift.objects.filter(
            starts_on__gte=roster.week_start(timezone.localdate())
        ).select_related("person")
        self.fields["first"].queryset = coming
        self.fields["second"].queryset = coming


class RosterView(WagtailAdminTemplateMixin, TemplateView):
    """The on-call roster (K2): kept by the crisis leaders; its gaps shown to the head of
    the crisis unit too."""

    page_title = gettext_lazy("On-call roster")
    header_icon = "date"
    template_name = "crisis/admin/roster.html"

    def dispatch(self, request, *args, **kwargs):
        if not roster.sees_gaps(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        leads = leads_crisis_communication(self.request.user)
        context.update(
            weeks=[
                (day, shift, AssignWeekForm(on=day, initial={"starts_on": day}) if leads else None)
                for day, shift in roster.weeks()
            ],
            swap_form=kwargs.get("swap_form") or (SwapForm() if leads else None),
            swaps=OnCallSwap.objects.select_related(
                "first", "second", "first_person_before", "second_person_before"
            )[:20],
            gaps=roster.gaps(),
        )
        return context

    def post(self, request):
        if "swap" in request.POST:
            form = SwapForm(request.POST)
            if form.is_valid():
                act = lambda: roster.swap_weeks(user=request.user, **form.cleaned_data)  # noqa: E731
            else:
                return self.render_to_response(self.get_context_data(swap_form=form))
        else:
            day = forms.DateField().clean(request.POST.get("starts_on"))
            form = AssignWeekForm(request.POST, on=day)
            if not form.is_valid():
                for problems in form.errors.values():
                    for problem in problems:
                        messages.error(request, problem)
                return redirect("crisis_roster")
            act = lambda: roster.assign_week(user=request.user, **form.cleaned_data)  # noqa: E731
        try:
            act()
        except (ValidationError, PermissionDenied) as error:
            for problem in services.problems_of(error):
                messages.error(request, problem)
        else:
            messages.success(request, _("The roster is saved."))
        return redirect("crisis_roster")
