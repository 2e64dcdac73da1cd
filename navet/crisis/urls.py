from django.urls import path

from . import pages, roster_pages

urlpatterns = [
    path("", pages.event_index, name="crisis_event_index"),
    path("<int:pk>/", pages.event_page, name="crisis_event_page"),
    path("jour/", roster_pages.on_call, name="crisis_on_call"),
    path("jour.ics", roster_pages.roster_feed, name="crisis_roster_feed"),
    path("jour/<int:pk>.ics", roster_pages.person_feed, name="crisis_person_feed"),
]
