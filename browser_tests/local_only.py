"""Keep a browser on this machine: the one helper that browser_tests and teacher_tests share."""


def only_local(context, origin):
    """Abort every request of a browser context that does not go to `origin` (scheme://host:port).

    Returns the list the aborted URLs are appended to.
    """
    blocked = []

    def route(route):
        if route.request.url.startswith(origin + "/"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    return blocked
