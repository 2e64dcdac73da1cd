from django.core.paginator import Paginator


def page_number(asked: str | None) -> int:
    """The page number asked for; anything but a plausible page number is the first page,
    so hostile query strings neither fail nor multiply cached variants."""
    asked = asked or ""
    number = int(asked) if asked.isascii() and asked.isdigit() and len(asked) < 6 else 1
    return max(number, 1)


def page_of(items, *, per_page: int, asked: str | None):
    """The asked-for page of `items` (a page past the last is the first). `items` is
    counted and sliced, never loaded whole."""
    paginator = Paginator(items, per_page)
    number = page_number(asked)
    return paginator.page(number if 1 <= number <= paginator.num_pages else 1)
