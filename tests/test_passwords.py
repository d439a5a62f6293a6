"""Passwords are hashed with Argon2; older PBKDF2 hashes still log in and are upgraded."""

import importlib

from django.contrib.auth.hashers import make_password
from django.test import override_settings

from portal.settings import base
from tests.auth import PASSWORD, log_in

ARGON2 = "django.contrib.auth.hashers.Argon2PasswordHasher"
PBKDF2 = "django.contrib.auth.hashers.PBKDF2PasswordHasher"


def test_argon2_comes_first_and_pbkdf2_still_verifies():
    assert base.PASSWORD_HASHERS[0] == ARGON2
    assert PBKDF2 in base.PASSWORD_HASHERS
    importlib.import_module("argon2")  # argon2-cffi is installed with the site


@override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS)
def test_a_pbkdf2_password_logs_in_and_is_rehashed_with_argon2(client, member):
    member.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    member.save(update_fields=["password"])

    response = log_in(client, member)

    assert response.status_code == 302
    assert "_auth_user_id" in client.session
    member.refresh_from_db()
    assert member.password.startswith("argon2$")
    assert member.check_password(PASSWORD)


@override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS)
def test_new_passwords_are_hashed_with_argon2(django_user_model, db):
    user = django_user_model.objects.create_user("new-member", password=PASSWORD)
    assert user.password.startswith("argon2$")
