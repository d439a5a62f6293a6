"""The language a member keeps for the members' pages and her emails."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.access import verified_only
from members.forms.account import LanguageForm
from members.middleware import remember_language
from members.views.account import safe_next


@verified_only
@never_cache
@require_POST
def language_view(request):
    """Keep the chosen language on the account and go back to the same page, now in it."""
    form = LanguageForm(request.POST)
    if form.is_valid():
        remember_language(request, form.save(request.user))
    else:
        messages.error(request, _("Please choose one of the languages in the list."))
    return redirect(safe_next(request))
