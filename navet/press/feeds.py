"""The press room as Atom: every live release and invitation, or those on one topic. Like
the news feed, every address is absolute from the configured site, never from the request's
Host header: the feed is cached and served to everyone."""

from navet.web.views import PageItemsFeed

FEED_LENGTH = 30


class PressFeed(PageItemsFeed):
    def get_object(self, request, room, topic=None):
        room.feed_topic = topic
        room.feed_full_path = (room.get_site().root_url or "") + request.path
        return room

    def title(self, room):
        if room.feed_topic is not None:
            return f"{room.title} – {room.feed_topic.name}"
        return room.title

    def link(self, room):
        url = room.get_full_url()
        if room.feed_topic is not None:
            url += room.reverse_subpage("topic", args=[room.feed_topic.slug])
        return url

    def feed_url(self, room):
        return room.feed_full_path

    def subtitle(self, room):
        return room.feed_topic.description if room.feed_topic is not None else room.intro

    def items(self, room):
        items = room.items(topic=room.feed_topic)[:FEED_LENGTH].specific()
        return list(items)

    def item_categories(self, item):
        return [topic.name for topic in item.topics.all()]
