from django.core.paginator import Paginator


def page_of(items, *, per_page: int, asked: str | None):
    """The asked-for page of `items`; anything but a valid page number is the first page,
    so hostile query strings neither fail nor multiply cached variants. `items` is counted
    and sliced, never loaded whole."""
    paginator = Paginator(items, per_page)
    asked = asked or ""
    number = int(asked) if asked.isascii() and asked.isdigit() and len(asked) < 6 else 1
    return paginator.page(number if 1 <= number <= paginator.num_pages else 1)
