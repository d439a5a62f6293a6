"""What anonymous readers may see, asked inside a request.

``core.access.public_pages`` reads every view restriction each time it is
called; lists shown to everyone whoever asks (a topic's windows, the help
finder's results, the public search) ask the same rule with the restrictions
this request has already read.
"""

from core.access import ANONYMOUS, page_rules, refused_q


def public_pages(queryset, request=None):
    refused = refused_q(ANONYMOUS, page_rules(request))
    return queryset.exclude(refused) if refused is not None else queryset
