"""The cases in the admin (K4): the queue of the mailboxes one handles, a case with its whole
thread (take it, change its status, answer it), its attachments, and the statistics per
mailbox. Every view asks the permission policy: a case of another unit's mailbox is not
found at all."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permissions import policy_registry

from . import selectors, services
from .forms import ReplyForm, StatusForm
from .models import Case, CaseAttachment, QuarantinedMessage
from .permissions import may_take
from .tasks import read_function_mailbox

STATISTICS_PERIODS = {"30": 30, "90": 90, "365": 365}


def _require_case_permission(user, action="view"):
    if not policy_registry.get_by_type(Case).user_has_permission(user, action):
        raise PermissionDenied


class CasesMixin(WagtailAdminTemplateMixin):
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        _require_case_permission(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("navet_cases"), "label": _("Cases")},
            {"url": "", "label": self.get_page_title()},
        ]


class CaseQueueView(CasesMixin, TemplateView):
    template_name = "cases/admin/queue.html"
    page_title = gettext_lazy("Case queue")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        mailboxes = list(selectors.visible_mailboxes(user).select_related("handling_unit"))
        chosen = next(
            (m for m in mailboxes if str(m.pk) == self.request.GET.get("brevlada", "")), None
        )
        include_closed = self.request.GET.get("avslutade") == "1"
        cases = list(selectors.queue(user=user, mailbox=chosen, include_closed=include_closed))
        now = timezone.now()
        for case in cases:
            case.over_goal = case.is_over_goal(now=now)
        context.update(
            mailboxes=mailboxes,
            chosen=chosen,
            include_closed=include_closed,
            cases=cases,
            quarantined=QuarantinedMessage.objects.filter(mailbox__in=mailboxes).select_related(
                "mailbox"
            )[:50],
        )
        return context

    def post(self, request):
        """Read a mailbox now, on the task queue, instead of waiting for the next run."""
        mailbox = get_object_or_404(
            selectors.visible_mailboxes(request.user).exclude(imap_host=""),
            pk=request.POST.get("mailbox"),
        )
        read_function_mailbox.enqueue(mailbox.pk)
        messages.success(request, _("%(mailbox)s is being read.") % {"mailbox": mailbox})
        return redirect(f"{reverse('navet_cases')}?brevlada={mailbox.pk}")


class CaseView(CasesMixin, TemplateView):
    template_name = "cases/admin/case.html"

    def get_page_title(self):
        return f"{self.case.reference} {self.case.subject}"

    def dispatch(self, request, *args, **kwargs):
        _require_case_permission(request.user)
        self.case = get_object_or_404(
            selectors.visible_cases(request.user).select_related(
                "mailbox", "status", "assignee", "requesting_unit"
            ),
            pk=kwargs["pk"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, reply_form=None, status_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        case = self.case
        user = self.request.user
        policy = policy_registry.get_by_type(Case)
        may_change = policy.user_has_permission_for_instance(user, "change", case)
        context.update(
            case=case,
            thread=case.messages.select_related("author").prefetch_related("attachments"),
            may_change=may_change,
            may_take=may_change and may_take(user, case) and case.assignee_id != user.pk,
            over_goal=case.is_over_goal(),
            reply_form=reply_form or ReplyForm(),
            status_form=status_form or StatusForm(case=case),
        )
        return context

    def post(self, request, pk):
        case = self.case
        policy = policy_registry.get_by_type(Case)
        if not policy.user_has_permission_for_instance(request.user, "change", case):
            raise PermissionDenied
        action = request.POST.get("action")
        if action == "take":
            services.take_case(case=case, user=request.user)
            messages.success(request, _("You now handle the case."))
        elif action == "status":
            form = StatusForm(request.POST, case=case)
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(status_form=form))
            services.set_status(case=case, status=form.cleaned_data["status"])
            messages.success(request, _("The status is changed."))
        elif action == "reply":
            form = ReplyForm(request.POST)
            if form.is_valid():
                try:
                    services.reply(case=case, user=request.user, body=form.cleaned_data["body"])
                except ValidationError as error:
                    form.add_error(None, error)
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(reply_form=form))
            messages.success(request, _("The answer is being sent."))
        else:
            raise Http404
        return redirect("navet_case", pk=case.pk)


class CaseStatisticsView(CasesMixin, TemplateView):
    template_name = "cases/admin/statistics.html"
    page_title = gettext_lazy("Case statistics")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        period = self.request.GET.get("period", "")
        days = STATISTICS_PERIODS.get(period)
        since = timezone.now() - datetime.timedelta(days=days) if days else None
        context.update(
            period=period if days else "",
            periods=STATISTICS_PERIODS,
            rows=selectors.mailbox_statistics(
                mailboxes=selectors.visible_mailboxes(self.request.user).order_by("name"),
                since=since,
            ),
        )
        return context


def _download(stored_file, filename):
    response = FileResponse(
        stored_file.open("rb"),
        as_attachment=True,
        filename=filename,
        content_type="application/octet-stream",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


class AttachmentView(View):
    """A case's attachment, only to those who see the case, always as a download."""

    def get(self, request, pk):
        _require_case_permission(request.user)
        attachment = get_object_or_404(
            CaseAttachment.objects.filter(message__case__in=selectors.visible_cases(request.user)),
            pk=pk,
        )
        return _download(attachment.file, attachment.filename)


class QuarantinedMessageView(View):
    def get(self, request, pk):
        _require_case_permission(request.user)
        kept = get_object_or_404(
            QuarantinedMessage.objects.filter(
                mailbox__in=selectors.visible_mailboxes(request.user)
            ),
            pk=pk,
        )
        return _download(kept.raw, f"karantan-{kept.pk}.eml")
