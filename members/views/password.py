"""Forgotten passwords: asked for by address, set again from the emailed link.

Neither step logs anyone in (the second factor is still asked at login) nor
keeps anything in a session: Django's confirm view moves the link's token into
the session, a cookie for someone who is not logged in. Here the token stays in
the address and is checked again when the new password is posted.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.contrib.auth.tokens import default_token_generator
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from wagtail.log_actions import log

from core import throttle
from core.access import public
from mail.outbox import preferred_language, queue_email
from members import security
from members.middleware import ASKED_LANGUAGE, asked_language


class QueuedPasswordResetForm(PasswordResetForm):
    """The link goes out through the mail queue, like every email of the site, in the
    language kept on the account (else the one the form was asked in)."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email,
                  to_email, html_email_template_name=None):  # fmt: skip
        with translation.override(preferred_language(context["user"], default=get_language())):
            subject = loader.render_to_string(subject_template_name, context)
            queue_email(to_email, subject, loader.render_to_string(email_template_name, context))


class PasswordResetView(auth_views.PasswordResetView):
    """Asks for the link. Limited like the login, per address and per account; the
    answer is the same whether a mail was sent, limited or there is no such account."""

    form_class = QueuedPasswordResetForm
    template_name = "members/password_reset.html"
    email_template_name = "members/emails/password_reset.txt"

    def get_success_url(self):
        asked = asked_language(self.request)  # the language picked before logging in
        return reverse("members:password_reset_sent") + (
            f"?{ASKED_LANGUAGE}={asked}" if asked else ""
        )

    def form_valid(self, form):
        checks = security.reset_checks(self.request, form.cleaned_data["email"])
        limited = throttle.over_limit(*checks)
        throttle.spend(*checks)
        if limited:
            return redirect(self.get_success_url())
        return super().form_valid(form)


def user_of_link(uidb64, token):
    try:
        pk = force_str(urlsafe_base64_decode(uidb64))
        user = get_user_model()._default_manager.get(pk=pk)
    except (TypeError, ValueError, OverflowError, get_user_model().DoesNotExist):
        return None
    return user if default_token_generator.check_token(user, token) else None


@public
@never_cache
@sensitive_post_parameters()
def reset_confirm_view(request, uidb64, token):
    user = user_of_link(uidb64, token)
    if user is None:
        return render(request, "members/password_reset_confirm.html", {"validlink": False})
    form = SetPasswordForm(user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        form.save()  # a new hash: the link stops working
        log(instance=user, action="members.password_reset", user=user)
        return redirect(reverse("members:login") + "?reset=1")
    return render(request, "members/password_reset_confirm.html", {"validlink": True, "form": form})
