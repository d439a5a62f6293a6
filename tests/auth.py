"""Members and staff who really log in with both factors, for tests."""

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

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
