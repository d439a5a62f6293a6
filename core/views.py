from django.shortcuts import render


def csrf_failure(request, reason=""):
    """A post refused by core.csrf: say what to do, in the reader's language."""
    return render(request, "403_csrf.html", status=403)
