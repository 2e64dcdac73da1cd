"""The public form on which an association proposes changes to its own entry (W3.5).

Everything typed here comes from anyone on the internet. Each field is plain text within the
model's own length, without control characters or markup; the website is an http(s) address
and nothing else; a field hidden from people catches bots that fill in every field. Each
refusal is a message on its field, in Swedish, and nothing is saved (see `associations`)."""

import re
import unicodedata
from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from .models import Association, ChangeRequest

# The association's own fields the form proposes new values for, in the uniform order.
EDITABLE_FIELDS = (
    "purpose",
    "activity_description",
    "meeting_place",
    "contact_name",
    "email",
    "phone",
    "website",
)
HONEYPOT_FIELD = "homepage"

# Invisible characters that have no place in an entry: the C0 and C1 control characters
# (line breaks and tabs are allowed in longer texts) and the bidirectional overrides,
# embeddings and isolates that make text read differently from how it is stored.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
OTHER_INVISIBLE = frozenset("\ufeff\ufffe\uffff")
# A tag, a closing tag, a comment or a processing instruction: "<script", "</b", "<!--".
MARKUP = re.compile(r"<\s*[/!?]?\s*[A-Za-z!?]")
PHONE = re.compile(r"^\+?[0-9][0-9 ()/\-]*$")
MIN_PHONE_DIGITS = 5
SCHEME = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.\-]*):")
WEB_SCHEMES = ("http", "https")
UNSAFE_SCHEMES = ("javascript", "vbscript", "data", "file", "blob", "filesystem")
MAX_LENGTH_MESSAGE = _(
    "Write at most %(limit_value)d characters (you have written %(show_value)d)."
)


def max_length_of(model, name: str) -> int:
    return model._meta.get_field(name).max_length


REPLACEMENT_CHARACTER = "\ufffd"


def is_invisible(char: str, *, multiline: bool) -> bool:
    category = unicodedata.category(char)
    return (
        (category == "Cc" and not (multiline and char in "\n\t"))
        or category == "Cs"
        or char in BIDI_CONTROLS
        or char in OTHER_INVISIBLE
    )


def invisible_characters(value: str, *, multiline: bool) -> bool:
    return any(is_invisible(char, multiline=multiline) for char in value)


def shown_safely(value, *, multiline: bool):
    """A sent value as the form shows it again: each invisible character as "�", so the
    person sees where it is and no control character reaches the page."""
    if not isinstance(value, str):
        return value
    if multiline:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(
        REPLACEMENT_CHARACTER if is_invisible(char, multiline=multiline) else char for char in value
    )


def normalised(value) -> str:
    """Text as the form compares and stores it: "\\n" line breaks, NFC, no surrounding
    space."""
    value = str(value or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    return unicodedata.normalize("NFC", value)


def check_plain_text(value: str, *, multiline: bool, max_length: int | None = None) -> str:
    """The value normalised (see `normalised`), or a ValidationError saying what is not
    allowed. Too long a value is refused before the characters are looked at one by one."""
    value = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if max_length is not None and len(value) > max_length:
        raise ValidationError(
            MAX_LENGTH_MESSAGE,
            code="max_length",
            params={"limit_value": max_length, "show_value": len(value), "value": value},
        )
    value = unicodedata.normalize("NFC", value)
    if invisible_characters(value, multiline=multiline):
        raise ValidationError(
            _(
                "Remove the invisible control characters from the text (they are shown as "
                "�). Write ordinary text only."
            )
            if multiline
            else _(
                "Write this on one line, without line breaks or invisible control characters "
                "(they are shown as �)."
            ),
            code="control_characters",
        )
    if MARKUP.search(value):
        raise ValidationError(
            _("Write plain text without HTML code: markup such as <script> or <b> is not allowed."),
            code="markup",
        )
    return value


def error_messages(required_message=None) -> dict:
    messages = {"max_length": MAX_LENGTH_MESSAGE}
    if required_message:
        messages["required"] = required_message
    return messages


class PlainTextField(forms.CharField):
    """Text a person typed: no control characters, no markup, at most the model's length."""

    def __init__(self, *, multiline=False, required_message=None, **kwargs):
        self.multiline = multiline
        if multiline:
            kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 5}))
        kwargs.setdefault("error_messages", error_messages(required_message))
        super().__init__(strip=False, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return ""
        return check_plain_text(value, multiline=self.multiline, max_length=self.max_length)

    def bound_data(self, data, initial):
        return shown_safely(super().bound_data(data, initial), multiline=self.multiline)


class PlainEmailField(forms.EmailField):
    default_error_messages = {
        "invalid": _("Write a valid email address, e.g. namn@forening.se."),
    }

    def __init__(self, *, required_message=None, **kwargs):
        super().__init__(error_messages=error_messages(required_message), **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return ""
        return check_plain_text(value, multiline=False, max_length=self.max_length)

    def bound_data(self, data, initial):
        return shown_safely(super().bound_data(data, initial), multiline=False)


class PhoneField(PlainTextField):
    def validate(self, value):
        super().validate(value)
        if not value:
            return
        digits = sum(char.isdigit() for char in value)
        if not PHONE.match(value) or digits < MIN_PHONE_DIGITS:
            raise ValidationError(
                _("Write the phone number with digits, e.g. 013-20 60 00."), code="invalid"
            )


class WebsiteField(forms.CharField):
    """An http or https address, and nothing else: no javascript:, data:, mailto: or other
    schemes, no user name or password. An address without a scheme gets https://."""

    widget = forms.URLInput

    def __init__(self, **kwargs):
        kwargs.setdefault("error_messages", error_messages())
        super().__init__(strip=False, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return ""
        value = check_plain_text(value, multiline=False, max_length=self.max_length)
        compact = re.sub(r"\s", "", value).lower()
        scheme = SCHEME.match(compact)
        # "www.forening.se:8080" names a port, not a scheme.
        names_scheme = scheme and not compact[scheme.end() : scheme.end() + 1].isdigit()
        if compact.startswith(tuple(f"{name}:" for name in UNSAFE_SCHEMES)) or (
            names_scheme and scheme["scheme"] not in WEB_SCHEMES
        ):
            raise ValidationError(
                _(
                    "Give an address that starts with https:// or http://. Other kinds of "
                    "addresses, such as javascript: or data:, are not allowed."
                ),
                code="scheme",
            )
        if not names_scheme:
            value = "https://" + value.lstrip("/")
        return value

    def bound_data(self, data, initial):
        return shown_safely(super().bound_data(data, initial), multiline=False)

    def validate(self, value):
        super().validate(value)
        if not value:
            return
        invalid = ValidationError(
            _("Write a valid web address, e.g. https://www.forening.se."), code="invalid"
        )
        try:
            URLValidator(schemes=list(WEB_SCHEMES))(value)
            parts = urlsplit(value)
            if parts.scheme.lower() not in WEB_SCHEMES or not parts.hostname:
                raise invalid
        except (ValidationError, ValueError):
            raise invalid from None
        if "@" in parts.netloc:
            raise ValidationError(
                _("A web address may not contain a user name or password (the @ sign)."),
                code="userinfo",
            )


def _association_field(name: str, *, label, help_text="", required_message=None, **kwargs):
    return PlainTextField(
        label=label,
        help_text=help_text,
        max_length=max_length_of(Association, name),
        required=required_message is not None,
        required_message=required_message,
        **kwargs,
    )


class ChangeRequestForm(forms.Form):
    """The association's proposed values, prefilled with the live ones, and who proposes
    them. The fields every published entry must have (W3.5's uniform overview) are required
    here too, so an approved proposal can always be published."""

    purpose = _association_field(
        "purpose",
        label=_("Purpose"),
        help_text=_("Why the association exists, in one or two sentences."),
        required_message=_("Write the association's purpose."),
        multiline=True,
    )
    activity_description = _association_field(
        "activity_description",
        label=_("What the association does"),
        help_text=_("For example what you do, for whom and how often."),
        multiline=True,
    )
    meeting_place = _association_field(
        "meeting_place",
        label=_("Meeting place"),
        help_text=_("Where the association meets, e.g. a building and an address."),
        required_message=_("Write where the association meets."),
    )
    contact_name = _association_field(
        "contact_name",
        label=_("Contact person"),
        required_message=_("Write the name of the association's contact person."),
    )
    email = PlainEmailField(
        label=_("Email"),
        help_text=_("The association's email address. Give an email address or a phone number."),
        required=False,
        max_length=max_length_of(Association, "email"),
    )
    phone = PhoneField(
        label=_("Phone"),
        help_text=_("E.g. 013-20 60 00."),
        required=False,
        max_length=max_length_of(Association, "phone"),
    )
    website = WebsiteField(
        label=_("Website"),
        help_text=_("The association's own website, e.g. https://www.forening.se."),
        required=False,
        max_length=max_length_of(Association, "website"),
    )
    submitter_name = PlainTextField(
        label=_("Your name"),
        max_length=max_length_of(ChangeRequest, "submitter_name"),
        required_message=_("Write your name."),
    )
    submitter_email = PlainEmailField(
        label=_("Your email address"),
        help_text=_("The committee answers you here if it has questions about the change."),
        max_length=max_length_of(ChangeRequest, "submitter_email"),
        required_message=_("Write your email address, so that the committee can reach you."),
    )
    message = PlainTextField(
        label=_("Message to the committee"),
        help_text=_("Optional. E.g. why the information should change."),
        max_length=max_length_of(ChangeRequest, "message"),
        required=False,
        multiline=True,
    )
    # Hidden from people (see the template); bots that fill in every field fill it in too.
    homepage = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        strip=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    ASSOCIATION_FIELDS = EDITABLE_FIELDS
    SUBMITTER_FIELDS = ("submitter_name", "submitter_email", "message")

    def __init__(self, *args, association: Association, **kwargs):
        self.association = association
        kwargs.setdefault(
            "initial", {name: normalised(getattr(association, name)) for name in EDITABLE_FIELDS}
        )
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["submitter_name"].widget.attrs["autocomplete"] = "name"
        self.fields["submitter_email"].widget.attrs["autocomplete"] = "email"
        for name in ("email", "phone", "website", "meeting_place", "contact_name"):
            self.fields[name].widget.attrs["autocomplete"] = "off"
        self.fields["phone"].widget.input_type = "tel"

    @property
    def caught_bot(self) -> bool:
        return bool(self.data.get(HONEYPOT_FIELD)) if self.is_bound else False

    def clean(self):
        cleaned = super().clean()
        if self.caught_bot:
            # Said to the form as a whole: the field itself is never shown to people.
            raise ValidationError(
                _(
                    "The form could not be sent: a field that people do not see was filled "
                    "in. If you filled in the form yourself, send it again."
                ),
                code="honeypot",
            )
        if (
            "email" in cleaned
            and "phone" in cleaned
            and not cleaned["email"]
            and not cleaned["phone"]
            and not self.has_error("email")
            and not self.has_error("phone")
        ):
            self.add_error(
                "email",
                ValidationError(
                    _("Give an email address or a phone number: the directory shows one of them."),
                    code="email_or_phone",
                ),
            )
        if not self.errors and not self.changed_fields() and not cleaned.get("message"):
            raise ValidationError(
                _(
                    "You have not changed anything. Change at least one field, or write a "
                    "message to the committee."
                ),
                code="unchanged",
            )
        return cleaned

    def changed_fields(self) -> list[str]:
        """The association's fields whose proposed value differs from the live one."""
        return [
            name
            for name in EDITABLE_FIELDS
            if name in self.cleaned_data
            and self.cleaned_data[name] != normalised(getattr(self.association, name))
        ]

    def proposed_values(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name in self.changed_fields()}

    def association_fields(self):
        return [self[name] for name in self.ASSOCIATION_FIELDS]

    def submitter_fields(self):
        return [self[name] for name in self.SUBMITTER_FIELDS]
