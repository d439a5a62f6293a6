"""Logging in with two factors, accepting an invitation, the pledge and the dashboard."""

import base64
import time

import segno
from django.contrib import messages
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.core import signing
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail import hooks
from wagtail.log_actions import log

from core.access import members_only, public, verified_only
from mail.outbox import preferred_language
from members import security
from members.access import membership_of
from members.forms.account import (
    CodeForm,
    ConfirmPasswordForm,
    LanguageForm,
    LoginForm,
    NewPasswordForm,
    PledgeForm,
)
from members.middleware import ASKED_LANGUAGE, asked_language, remember_language, start_session
from members.models import BackupCodeDevice, Invitation, Membership, PledgeAcceptance, PledgeVersion

PENDING_USER = "members.pending_user"
PENDING_SINCE = "members.pending_since"
PENDING_SECONDS = 300
# Proof, carried in the enrolment form, that the account's password was just given.
ENROL_PROOF_SALT = "members.enrol"


def safe_next(request, default="members:dashboard"):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, request.is_secure()
    ):
        return target
    return reverse(default)


def complete_login(request, user, device):
    """Both factors passed: log in (a new session key), mark the session verified."""
    auth_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    otp_login(request, device)
    start_session(request)
    remember_language(request, preferred_language(user, default=""))
    log(instance=user, action="members.login", user=user)


@public
@never_cache
@sensitive_post_parameters("password")
def login_view(request):
    form = LoginForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        if security.is_throttled(request, username):
            form.add_error(
                None, _("Too many failed attempts. Please wait an hour, or ask the hub for help.")
            )
        else:
            user = authenticate(request, username=username, password=form.cleaned_data["password"])
            if user is None:
                security.record_failure(request, username)
                form.add_error(None, _("The email or password is not right."))
            elif not security.has_second_factor(user):
                form.add_error(
                    None,
                    _(
                        "This account has no second factor yet. Please ask the hub for a new enrolment link."
                    ),
                )
            else:
                # Only the password has passed: remember who, but log nobody in yet.
                request.session.cycle_key()
                request.session[PENDING_USER] = user.pk
                request.session[PENDING_SINCE] = int(time.time())
                verify = reverse("members:verify")
                asked = asked_language(request)
                return redirect(
                    f"{verify}?next={safe_next(request)}"
                    + (f"&{ASKED_LANGUAGE}={asked}" if asked else "")
                )
    return render(
        request,
        "members/login.html",
        {
            "form": form,
            "next": request.GET.get("next", ""),
            "expired": request.GET.get("expired") == "1",
            "reset": request.GET.get("reset") == "1",
        },
    )


def pending_user(request):
    user_id = request.session.get(PENDING_USER)
    since = request.session.get(PENDING_SINCE, 0)
    if not user_id or time.time() - since > PENDING_SECONDS:
        return None
    return get_user_model().objects.filter(pk=user_id, is_active=True).first()


@public
@never_cache
@sensitive_post_parameters("code")
def verify_view(request):
    user = pending_user(request)
    if user is None:
        # No message in a cookie or session: whoever this is may not be logged in at all.
        return redirect(f"{reverse('members:login')}?expired=1")
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if security.is_throttled(request, user.get_username()):
            form.add_error(
                None, _("Too many failed attempts. Please wait an hour, or ask the hub for help.")
            )
        else:
            device = match_token(user, form.cleaned_data["code"])
            if device is None:
                security.record_failure(request, user.get_username())
                form.add_error("code", _("That code is not right, or it was used already."))
            else:
                request.session.pop(PENDING_USER, None)
                complete_login(request, user, device)
                if isinstance(device, BackupCodeDevice):
                    left = device.codes.count()
                    messages.warning(
                        request,
                        _("You used a backup code. %(count)d backup codes are left.")
                        % {"count": left},
                    )
                return redirect(safe_next(request))
    return render(
        request, "members/verify.html", {"form": form, "next": request.GET.get("next", "")}
    )


@public
@require_POST
def logout_view(request):
    auth_logout(request)
    response = redirect("/")
    # The browser forgets what it kept of the members' pages too (over HTTPS).
    response["Clear-Site-Data"] = '"cache", "cookies", "storage"'
    return response


def qr_svg(text):
    svg = segno.make(text, error="m").svg_inline(scale=5, border=2, dark="#000", light="#fff")
    return svg


def invitation_user(invitation):
    return get_user_model().objects.filter(email__iexact=invitation.email).first()


@public
@never_cache
@sensitive_post_parameters("password", "password1", "password2", "code")
def invitation_view(request, token):
    """Set a password (new accounts), then enrol an authenticator, then see backup codes once."""
    invitation = Invitation.find_usable(token)
    if invitation is None:
        return render(request, "members/invitation_invalid.html", status=410)
    user = invitation_user(invitation)
    if user is None or not user.has_usable_password():
        form = NewPasswordForm(request.POST if request.method == "POST" else None, user=user)
        if request.method == "POST" and form.is_valid():
            with transaction.atomic():
                if user is None:
                    user = get_user_model()(
                        username=invitation.email.lower(),
                        email=invitation.email,
                        first_name=invitation.name,
                    )
                user.set_password(form.cleaned_data["password1"])
                user.save()
                invitation.password_set_at = timezone.now()
                invitation.save(update_fields=["password_set_at"])
            return redirect("members:accept_invitation", token=token)
        return render(
            request, "members/invitation_password.html", {"form": form, "invitation": invitation}
        )

    if security.has_second_factor(user):
        return render(request, "members/invitation_invalid.html", status=410)
    posted = request.POST if request.method == "POST" else None
    if invitation.password_set_at is not None:
        return enrol(request, invitation, user, posted)
    # The account had its password before this link (a reset after a lost phone):
    # whoever holds the link must also know the password before a new device is shown.
    proof = request.POST.get("proof", "")
    if proven(proof, invitation):
        return enrol(request, invitation, user, posted, proof=proof)
    return confirm_password(request, invitation, user, posted)


def proven(proof, invitation):
    """A proof (made by ``confirm_password`` in the last minutes) for this invitation."""
    try:
        return signing.loads(proof, salt=ENROL_PROOF_SALT, max_age=PENDING_SECONDS) == invitation.pk
    except signing.BadSignature:
        return False


def confirm_password(request, invitation, user, posted):
    form = ConfirmPasswordForm(posted)
    if posted is not None and form.is_valid():
        if security.is_throttled(request, user.get_username()):
            form.add_error(
                None, _("Too many failed attempts. Please wait an hour, or ask the hub for help.")
            )
        elif user.check_password(form.cleaned_data["password"]):
            proof = signing.dumps(invitation.pk, salt=ENROL_PROOF_SALT)
            return enrol(request, invitation, user, None, proof=proof)
        else:
            security.record_failure(request, user.get_username())
            form.add_error("password", _("That is not the password of this account."))
    return render(request, "members/enrol_password.html", {"form": form, "invitation": invitation})


def enrol(request, invitation, user, posted, proof=""):
    """Show the new device's key and take its first code; then the backup codes, once."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_("Authenticator app"), confirmed=False)
    form = CodeForm(posted)
    if posted is not None and form.is_valid():
        if security.is_throttled(request, user.get_username()):
            form.add_error(
                None, _("Too many failed attempts. Please wait an hour, or ask the hub for help.")
            )
        elif device.verify_token(form.cleaned_data["code"]):
            codes = accept_invitation(invitation, user, device)
            complete_login(request, user, device)
            return render(
                request, "members/backup_codes.html", {"codes": codes, "first_time": True}
            )
        else:
            security.record_failure(request, user.get_username())
            form.add_error(
                "code", _("That code is not right. Check the time on your phone and try again.")
            )
    secret = base64.b32encode(device.bin_key).decode()
    return render(
        request,
        "members/enrol.html",
        {
            "form": form,
            "invitation": invitation,
            "proof": proof,
            "qr": qr_svg(device.config_url),
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        },
    )


def accept_invitation(invitation, user, device):
    """The device works: confirm it, join the organization, use up the link."""
    with transaction.atomic():
        device.confirmed = True
        device.save()
        codes = security.new_backup_codes(user)
        Membership.objects.update_or_create(
            user=user,
            defaults={"organization": invitation.organization, "role": invitation.role},
        )
        invitation.used_at = timezone.now()
        invitation.save(update_fields=["used_at"])
        log(
            instance=invitation.organization,
            action="members.join",
            user=user,
            data={"user": user.pk},
        )
    security.logout_everywhere(user)
    return codes


@verified_only
@never_cache
def pledge_view(request):
    pledge = PledgeVersion.current()
    form = PledgeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid() and pledge is not None:
        PledgeAcceptance.objects.get_or_create(user=request.user, version=pledge)
        log(
            instance=request.user,
            action="members.pledge",
            user=request.user,
            data={"version": pledge.version},
        )
        return redirect(safe_next(request))
    return render(request, "members/pledge.html", {"form": form, "pledge": pledge})


def dashboard_panels(request):
    """What other apps show here, each through ``construct_members_dashboard_panels``."""
    panels = []
    for construct in hooks.get_hooks("construct_members_dashboard_panels"):
        construct(request, panels)
    return sorted(panels, key=lambda panel: panel.order)


@members_only
@never_cache
def dashboard_view(request):
    membership = membership_of(request.user)
    return render(
        request,
        "members/dashboard.html",
        {
            "membership": membership,
            "organization": membership.organization if membership else None,
            "backup_codes_left": security.remaining_backup_codes(request.user),
            "panels": dashboard_panels(request),
        },
    )


@members_only
@never_cache
def account_view(request):
    """Her language, her backup codes, her calendar: one page for the account."""
    return render(
        request,
        "members/account.html",
        {
            "language_form": LanguageForm(initial={"language": get_language()}),
            "backup_codes_left": security.remaining_backup_codes(request.user),
        },
    )


@members_only
@never_cache
def security_view(request):
    """New backup codes (a POST), shown this once; the old ones stop working."""
    if request.method == "POST":
        codes = security.new_backup_codes(request.user)
        security.logout_everywhere(request.user, keep=request.session.session_key)
        log(instance=request.user, action="members.new_backup_codes", user=request.user)
        return render(request, "members/backup_codes.html", {"codes": codes, "first_time": False})
    return redirect("members:account")
