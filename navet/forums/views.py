"""The forums on the intranet (W3.2: login, never on the public site). Every action checks
the person's place in the forum, which comes from their role assignments (`membership`)."""

import datetime
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from navet.governance.models import Channel
from navet.intranet.middleware import opens_with_token
from navet.organisation.models import Person
from navet.web.banner import INTRANET
from navet.web.hosts import is_intranet_request

from . import campaigns as plan
from . import feeds, membership, recurrence, services
from .forms import (
    CompetitiveForm,
    ExtraMemberForm,
    PaperForm,
    PrioritiseForm,
    ProposeItemForm,
    PublishMinutesForm,
    ScheduleMeetingForm,
    SeriesForm,
    SubstituteConsentForm,
)
from .models import (
    AgendaItem,
    AttendanceStatus,
    CalendarToken,
    Campaign,
    Forum,
    Meeting,
    Minutes,
)


def intranet_view(view):
    """Only on the intranet, only signed in (W3.2)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_intranet_request(request) or not request.user.is_authenticated:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def _act(request, action, *, done: str):
    """Run a service; refusals become a message on the page, never an error page."""
    try:
        result = action()
    except (PermissionDenied, ValidationError) as error:
        for message in getattr(error, "messages", None) or [str(error)]:
            messages.error(request, message)
        return None
    messages.success(request, done)
    return result


def _submit(request, form, action, *, done: str):
    """A posted form: the service runs when the form is valid (see `_act`); otherwise its
    errors become messages."""
    if form.is_valid():
        return _act(request, action, done=done)
    _form_errors(request, form)
    return None


def _form_errors(request, form):
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


@intranet_view
def forum_index(request):
    person = membership.person_of(request.user)
    forums = list(Forum.objects.all())
    token = CalendarToken.objects.filter(user=request.user).first()
    return TemplateResponse(
        request,
        "forums/forum_index.html",
        {
            "forums": forums,
            "mine": membership.forums_of(person),
            "token": token,
            "feed_url": token
            and request.build_absolute_uri(reverse("forums_my_feed", args=[token.token])),
        },
    )


@intranet_view
def forum_detail(request, slug):
    forum = get_object_or_404(Forum, slug=slug)
    person = membership.person_of(request.user)
    members = membership.members(forum)
    now = timezone.now()
    token = CalendarToken.objects.filter(user=request.user).first()
    return TemplateResponse(
        request,
        "forums/forum_detail.html",
        {
            "forum": forum,
            "members": members,
            "chairs": membership.chairs(forum),
            "secretaries": membership.secretaries(forum),
            "is_member": any(m.person.pk == getattr(person, "pk", None) for m in members),
            "is_chair": membership.is_chair(forum, person),
            "runs_meetings": membership.runs_meetings(forum, person),
            "may_join": membership.may_join(forum, person),
            "has_joined": person is not None and forum.joined.filter(person=person).exists(),
            "coming": forum.meetings.filter(ends_at__gte=now),
            "past": forum.meetings.filter(ends_at__lt=now).order_by("-starts_at")[:12],
            "rules": forum.participant_rules.all(),
            "meeting_form": ScheduleMeetingForm(
                initial={"time": forum.meeting_time, "location": forum.location},
                prefix="meeting",
            ),
            "series_form": SeriesForm(prefix="series"),
            "extra_form": ExtraMemberForm(prefix="extra"),
            "feed_url": token
            and request.build_absolute_uri(
                reverse("forums_forum_feed", args=[token.token, forum.slug])
            ),
        },
    )


def _forum_action(request, slug):
    return get_object_or_404(Forum, slug=slug), membership.person_of(request.user)


@intranet_view
@require_POST
def schedule_meeting(request, slug):
    forum, person = _forum_action(request, slug)
    form = ScheduleMeetingForm(request.POST, prefix="meeting")
    if form.is_valid():
        starts = datetime.datetime.combine(form.cleaned_data["date"], form.cleaned_data["time"])
        _act(
            request,
            lambda: services.schedule_meeting(
                forum=forum,
                person=person,
                starts_at=starts.replace(tzinfo=recurrence.local_zone()),
                kind=form.cleaned_data["kind"],
                location=form.cleaned_data["location"],
            ),
            done=_("The meeting is scheduled."),
        )
    else:
        _form_errors(request, form)
    return redirect("forums_forum", slug=forum.slug)


@intranet_view
@require_POST
def schedule_series(request, slug):
    forum, person = _forum_action(request, slug)
    form = SeriesForm(request.POST, prefix="series")
    _submit(
        request,
        form,
        lambda: services.schedule_series(forum=forum, person=person, **form.cleaned_data),
        done=_("The meetings of the series are scheduled."),
    )
    return redirect("forums_forum", slug=forum.slug)


@intranet_view
@require_POST
def add_extra_member(request, slug):
    forum, person = _forum_action(request, slug)
    form = ExtraMemberForm(request.POST, prefix="extra")
    _submit(
        request,
        form,
        lambda: services.add_extra_member(
            forum=forum,
            person=person,
            added=form.cleaned_data["person"],
            kind=form.cleaned_data["kind"],
            expertise=form.cleaned_data["expertise"],
            user=request.user,
        ),
        done=_("The member is added."),
    )
    return redirect("forums_forum", slug=forum.slug)


@intranet_view
@require_POST
def remove_extra_member(request, slug, person_pk):
    forum, person = _forum_action(request, slug)
    removed = get_object_or_404(Person, pk=person_pk)
    _act(
        request,
        lambda: services.remove_extra_member(forum=forum, person=person, removed=removed),
        done=_("The member is removed."),
    )
    return redirect("forums_forum", slug=forum.slug)


@intranet_view
@require_POST
def join(request, slug):
    forum, person = _forum_action(request, slug)
    if request.POST.get("leave"):
        services.leave_network(forum=forum, person=person)
        messages.success(request, _("You have left the network."))
    else:
        _act(
            request,
            lambda: services.join_network(forum=forum, person=person),
            done=_("Welcome to the network."),
        )
    return redirect("forums_forum", slug=forum.slug)


def _meeting(slug, pk) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("forum"), forum__slug=slug, pk=pk)


@intranet_view
def meeting_detail(request, slug, pk):
    meeting = _meeting(slug, pk)
    forum = meeting.forum
    person = membership.person_of(request.user)
    minutes = Minutes.objects.filter(meeting=meeting).first()
    is_member = membership.is_member(forum, person)
    runs = membership.runs_meetings(forum, person)
    can_read_minutes = membership.may_read_minutes(minutes, person)
    if not (is_member or can_read_minutes):
        raise PermissionDenied
    items = []
    for item in meeting.items.select_related("proposed_by", "competitive_advantage_for"):
        excluded = membership.excluded_from_item(item, person)
        items.append(
            {
                "item": item,
                "excluded": excluded,
                # Papers are for the members (minutes may reach all staff), never for
                # the excluded (W3.7).
                "papers": list(item.papers.select_related("document"))
                if is_member and not excluded
                else [],
                "competitive_form": CompetitiveForm(
                    initial={"unit": item.competitive_advantage_for}, prefix=f"c{item.pk}"
                ),
            }
        )
    members = [m.person for m in membership.members(forum)]
    attendance = {a.person_id: a for a in meeting.attendance.select_related("substitute")}
    findings = services.language_findings(minutes) if runs and minutes else None
    return TemplateResponse(
        request,
        "forums/meeting_detail.html",
        {
            "forum": forum,
            "meeting": meeting,
            "items": items,
            "minutes": minutes,
            "is_member": is_member,
            "runs_meetings": runs,
            "is_chair": membership.is_chair(forum, person),
            "can_read_minutes": can_read_minutes or (runs and minutes is not None),
            "is_coming": meeting.starts_at >= timezone.now() and not meeting.cancelled,
            "propose_form": ProposeItemForm(),
            "paper_form": PaperForm(),
            "publish_form": PublishMinutesForm(
                initial={"audience": minutes.audience if minutes else None}
            ),
            "consent_form": SubstituteConsentForm(members=members),
            "consents": meeting.consents.select_related("member", "substitute"),
            "attendance_rows": [(m, attendance.get(m.pk)) for m in members],
            "attendance_choices": AttendanceStatus.choices,
            "findings": findings,
        },
    )


@intranet_view
@require_POST
def cancel_meeting(request, slug, pk):
    meeting = _meeting(slug, pk)
    _act(
        request,
        lambda: services.cancel_meeting(meeting=meeting, person=membership.person_of(request.user)),
        done=_("The meeting is cancelled."),
    )
    return redirect("forums_meeting", slug=slug, pk=pk)


@intranet_view
@require_POST
def propose_item(request, slug, pk):
    meeting = _meeting(slug, pk)
    form = ProposeItemForm(request.POST)
    _submit(
        request,
        form,
        lambda: services.propose_item(
            meeting=meeting, person=membership.person_of(request.user), **form.cleaned_data
        ),
        done=_("Your item is on the agenda."),
    )
    return redirect("forums_meeting", slug=slug, pk=pk)


def _item(slug, pk, item_pk) -> AgendaItem:
    return get_object_or_404(
        AgendaItem.objects.select_related("meeting__forum"),
        pk=item_pk,
        meeting__pk=pk,
        meeting__forum__slug=slug,
    )


@intranet_view
@require_POST
def mark_competitive(request, slug, pk, item_pk):
    item = _item(slug, pk, item_pk)
    form = CompetitiveForm(request.POST, prefix=f"c{item.pk}")
    _submit(
        request,
        form,
        lambda: services.mark_competitive(
            item=item, person=membership.person_of(request.user), unit=form.cleaned_data["unit"]
        ),
        done=_("The item is saved."),
    )
    return redirect("forums_meeting", slug=slug, pk=pk)


@intranet_view
@require_POST
def attach_paper(request, slug, pk, item_pk):
    item = _item(slug, pk, item_pk)
    form = PaperForm(request.POST, request.FILES)
    _submit(
        request,
        form,
        lambda: services.attach_paper(
            item=item,
            person=membership.person_of(request.user),
            title=form.cleaned_data["title"],
            upload=form.cleaned_data["file"],
        ),
        done=_("The paper is added."),
    )
    return redirect("forums_meeting", slug=slug, pk=pk)


@intranet_view
@require_POST
def agree_substitute(request, slug, pk):
    meeting = _meeting(slug, pk)
    members = [m.person for m in membership.members(meeting.forum)]
    form = SubstituteConsentForm(request.POST, members=members)
    _submit(
        request,
        form,
        lambda: services.agree_substitute(
            meeting=meeting,
            person=membership.person_of(request.user),
            user=request.user,
            **form.cleaned_data,
        ),
        done=_("The substitute is agreed for this meeting."),
    )
    return redirect("forums_meeting", slug=slug, pk=pk)


@intranet_view
@require_POST
def record_attendance(request, slug, pk):
    meeting = _meeting(slug, pk)
    person = membership.person_of(request.user)
    members = {m.person.pk: m.person for m in membership.members(meeting.forum)}

    def save_all():
        for member_pk, member in members.items():
            status = request.POST.get(f"status-{member_pk}")
            if not status:
                continue
            if status not in AttendanceStatus.values:
                raise ValidationError(_("Choose an attendance."))
            substitute_pk = request.POST.get(f"substitute-{member_pk}") or None
            substitute = (
                Person.objects.filter(pk=substitute_pk).first()
                if substitute_pk and substitute_pk.isdigit()
                else None
            )
            services.record_attendance(
                meeting=meeting, person=person, member=member, status=status, substitute=substitute
            )

    _act(request, save_all, done=_("The attendance is saved."))
    return redirect("forums_meeting", slug=slug, pk=pk)


@intranet_view
@require_POST
def write_minutes(request, slug, pk):
    meeting = _meeting(slug, pk)
    item_minutes = {
        item.pk: request.POST.get(f"item-{item.pk}", "")[:5000] for item in meeting.items.all()
    }
    _act(
        request,
        lambda: services.write_minutes(
            meeting=meeting,
            person=membership.person_of(request.user),
            summary=request.POST.get("summary", "")[:5000],
            item_minutes=item_minutes,
        ),
        done=_("The minutes are saved."),
    )
    return redirect("forums_meeting", slug=slug, pk=pk)


@intranet_view
@require_POST
def publish_minutes(request, slug, pk):
    meeting = _meeting(slug, pk)
    minutes = get_object_or_404(Minutes, meeting=meeting)
    form = PublishMinutesForm(request.POST)
    _submit(
        request,
        form,
        lambda: services.publish_minutes(
            minutes=minutes,
            person=membership.person_of(request.user),
            audience=form.cleaned_data["audience"],
            user=request.user,
        ),
        done=_("The minutes are published."),
    )
    return redirect("forums_meeting", slug=slug, pk=pk)


@intranet_view
@require_POST
def calendar_token(request):
    if request.POST.get("revoke"):
        services.revoke_calendar_token(user=request.user)
        messages.success(request, _("The calendar address no longer works."))
    else:
        services.issue_calendar_token(user=request.user)
        messages.success(request, _("Your private calendar address is ready."))
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = reverse("forums_index")
    return redirect(back)


# Calendar feeds: reached by calendar programs without a session, so the private token in
# the address is the only key (see `middleware`). Intranet host only.


def _token_user(request, token):
    if not is_intranet_request(request):
        raise Http404
    found = CalendarToken.objects.select_related("user").filter(token=token).first()
    if found is None or not found.user.is_active:
        raise Http404
    return found.user


def _ics(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _meeting_url(request):
    def url(meeting):
        return request.build_absolute_uri(
            reverse("forums_meeting", args=[meeting.forum.slug, meeting.pk])
        )

    return url


@opens_with_token
def my_feed(request, token):
    user = _token_user(request, token)
    person = membership.person_of(user)
    forums = membership.forums_of(person)
    meetings = Meeting.objects.filter(forum__in=forums).select_related("forum")
    return _ics(
        feeds.meetings_calendar(
            name=_("My forum meetings"), meetings=meetings, url_for=_meeting_url(request)
        ),
        "mina-moten.ics",
    )


@opens_with_token
def forum_feed(request, token, slug):
    _token_user(request, token)
    forum = get_object_or_404(Forum, slug=slug)
    return _ics(
        feeds.meetings_calendar(
            name=forum.name,
            meetings=forum.meetings.select_related("forum"),
            url_for=_meeting_url(request),
        ),
        f"{forum.slug}.ics",
    )


@opens_with_token
def campaigns_feed(request, token):
    _token_user(request, token)
    return _ics(
        feeds.campaigns_calendar(name=_("Campaign plan"), campaigns=list(plan.planned())),
        "kampanjer.ics",
    )


# The campaign plan (K6.1).


def _month(request) -> tuple[int, int]:
    today = timezone.localdate()
    text = request.GET.get("manad", "")
    try:
        year, month = (int(part) for part in text.split("-"))
        datetime.date(year, month, 1)
    except ValueError:
        return today.year, today.month
    return year, month


@intranet_view
def campaign_plan(request):
    year, month = _month(request)
    start, end = plan.month_bounds(year, month)
    everything = list(plan.planned())
    shown = plan.in_period(everything, start=start, end=end)
    found = plan.overlaps(shown)
    previous = start - datetime.timedelta(days=1)
    following = end + datetime.timedelta(days=1)
    person = membership.person_of(request.user)
    leadership = [
        forum
        for forum in Forum.objects.filter(meetings__isnull=False).distinct()
        if membership.runs_meetings(forum, person)
    ]
    meetings = Meeting.objects.filter(forum__in=leadership).order_by("-starts_at")[:12]
    token = CalendarToken.objects.filter(user=request.user).first()
    return TemplateResponse(
        request,
        "forums/campaign_plan.html",
        {
            "month": start,
            "previous": f"{previous:%Y-%m}",
            "following": f"{following:%Y-%m}",
            "rows": [(c, found[c.pk]) for c in shown],
            "overlap_count": sum(1 for c in shown if found[c.pk]),
            "by_channel": plan.by_channel(shown),
            "prioritise_meetings": meetings,
            "prioritise_form": PrioritiseForm(),
            "feed_url": token
            and request.build_absolute_uri(reverse("forums_campaigns_feed", args=[token.token])),
        },
    )


@intranet_view
def campaign_channel(request, pk):
    channel = get_object_or_404(Channel, pk=pk)
    campaigns = [c for c in plan.planned() if channel in c.channels.all()]
    return TemplateResponse(
        request,
        "forums/campaign_channel.html",
        {"channel": channel, "campaigns": campaigns, "overlaps": plan.overlaps(campaigns)},
    )


@intranet_view
def campaigns_csv(request):
    response = HttpResponse(
        "\ufeff" + plan.as_csv(list(plan.planned())), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="kampanjplan.csv"'
    return response


@intranet_view
def campaigns_ics(request):
    return _ics(
        feeds.campaigns_calendar(name=_("Campaign plan"), campaigns=list(plan.planned())),
        "kampanjplan.ics",
    )


@intranet_view
@require_POST
def prioritise(request, pk):
    campaign = get_object_or_404(Campaign, pk=pk)
    meeting_pk = request.POST.get("meeting", "")
    meeting = get_object_or_404(Meeting, pk=int(meeting_pk) if meeting_pk.isdigit() else 0)
    form = PrioritiseForm(request.POST)
    _submit(
        request,
        form,
        lambda: services.prioritise_campaign(
            campaign=campaign,
            person=membership.person_of(request.user),
            meeting=meeting,
            **form.cleaned_data,
        ),
        done=_("The prioritisation is recorded."),
    )
    return redirect(reverse("forums_campaigns") + f"?manad={campaign.starts_on:%Y-%m}")


def menu_links(*, audience: str) -> list:
    """The intranet's main menu links to the forums (`navet_site_menu_links`)."""
    return [(_("Forums and networks"), "forums_index")] if audience == INTRANET else []
