from .selectors import SiteContext


def navet(request):
    return {"navet": SiteContext(request)}
