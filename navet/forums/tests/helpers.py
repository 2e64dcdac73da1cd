from navet.forums.models import Forum
from navet.organisation.models import Person

LEADERSHIP = "ledningsforum-kommunikation"
WEB_COUNCIL = "webbrad"
NETWORK = "kommunikationsnatverket"


def forum(slug: str) -> Forum:
    return Forum.objects.get(slug=slug)


def person(username: str) -> Person:
    return Person.objects.get(user__username=username)


def usernames(members) -> set[str]:
    return {m.person.user.username for m in members if m.person.user_id}
