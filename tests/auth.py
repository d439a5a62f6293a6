"""Members and staff who really log in with both factors, for tests."""

import time

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from members.middleware import SESSION_SEEN, SESSION_STARTED
from members.models import Membership, PledgeAcceptance, PledgeVersion

PASSWORD = "correct horse battery staple"


def current_code(device):
    return str(totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)).zfill(
        device.digits
    )


def make_user(
    django_user_model, username, *, staff=False, organization=None, role=Membership.Role.MEMBER
):
    user = django_user_model.objects.create_user(
        username,
        email=f"{username}@example.jp",
        password=PASSWORD,
        is_staff=staff,
        is_superuser=staff,
    )
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    if organization is not None:
        Membership.objects.create(user=user, organization=organization, role=role)
    pledge = PledgeVersion.current()
    if pledge is not None:
        PledgeAcceptance.objects.create(user=user, version=pledge)
    user.device = device
    return user


def log_in(client, user):
    """Both factors through the real views; returns the response of the code step."""
    client.post("/members/login/", {"username": user.username, "password": PASSWORD})
    device = TOTPDevice.objects.get(pk=user.device.pk)
    device.last_t = -1  # each code is single-use; tests log in more than once a period
    device.save()
    return client.post("/members/verify/", {"code": current_code(device)})


def log_in_password_only(client, user):
    """A session with the password accepted but no second factor, within its timeouts.

    The site's own login never makes one (the password step logs nobody in);
    this is what a stolen cookie of such a session would be, or one made by a
    login view the site should not have. The clocks are set as a real login
    sets them, so that only the missing factor can refuse it.
    """
    client.force_login(user)
    session = client.session
    now = int(time.time())
    session[SESSION_STARTED] = now
    session[SESSION_SEEN] = now
    session.save()
    return client


def age_session(client, *, idle=0, started=0):
    """Move a session's clocks back: ``idle`` seconds since it was last used,
    ``started`` seconds since the login."""
    session = client.session
    now = int(time.time())
    if started:
        session[SESSION_STARTED] = now - started
    if idle:
        session[SESSION_SEEN] = now - idle
    session.save()
