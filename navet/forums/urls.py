from django.urls import path

from . import views

urlpatterns = [
    path("", views.forum_index, name="forums_index"),
    path("kalenderadress/", views.calendar_token, name="forums_calendar_token"),
    path("kalender/<str:token>/mina-moten.ics", views.my_feed, name="forums_my_feed"),
    path("kalender/<str:token>/kampanjer.ics", views.campaigns_feed, name="forums_campaigns_feed"),
    path("kalender/<str:token>/<slug:slug>.ics", views.forum_feed, name="forums_forum_feed"),
    path("kampanjer/", views.campaign_plan, name="forums_campaigns"),
    path("kampanjer/kampanjplan.csv", views.campaigns_csv, name="forums_campaigns_csv"),
    path("kampanjer/kampanjplan.ics", views.campaigns_ics, name="forums_campaigns_ics"),
    path("kampanjer/kanal/<int:pk>/", views.campaign_channel, name="forums_campaign_channel"),
    path("kampanjer/<int:pk>/prioritera/", views.prioritise, name="forums_prioritise"),
    path("<slug:slug>/", views.forum_detail, name="forums_forum"),
    path("<slug:slug>/mote/", views.schedule_meeting, name="forums_schedule"),
    path("<slug:slug>/serie/", views.schedule_series, name="forums_series"),
    path("<slug:slug>/ledamot/", views.add_extra_member, name="forums_add_member"),
    path("<slug:slug>/delta/", views.join, name="forums_join"),
    path(
        "<slug:slug>/ledamot/<int:person_pk>/ta-bort/",
        views.remove_extra_member,
        name="forums_remove_member",
    ),
    path("<slug:slug>/moten/<int:pk>/stall-in/", views.cancel_meeting, name="forums_cancel"),
    path("<slug:slug>/moten/<int:pk>/", views.meeting_detail, name="forums_meeting"),
    path("<slug:slug>/moten/<int:pk>/punkt/", views.propose_item, name="forums_propose"),
    path(
        "<slug:slug>/moten/<int:pk>/ersattare/",
        views.agree_substitute,
        name="forums_agree_substitute",
    ),
    path("<slug:slug>/moten/<int:pk>/narvaro/", views.record_attendance, name="forums_attendance"),
    path("<slug:slug>/moten/<int:pk>/protokoll/", views.write_minutes, name="forums_minutes"),
    path("<slug:slug>/moten/<int:pk>/publicera/", views.publish_minutes, name="forums_publish"),
    path(
        "<slug:slug>/moten/<int:pk>/punkt/<int:item_pk>/konkurrens/",
        views.mark_competitive,
        name="forums_competitive",
    ),
    path(
        "<slug:slug>/moten/<int:pk>/punkt/<int:item_pk>/handling/",
        views.attach_paper,
        name="forums_paper",
    ),
]
