"""Staff are told of what waits for them, each in the language chosen for the admin."""

from django.utils import translation
from django.utils.translation import gettext
from wagtail.users.models import UserProfile

from mail.models import OutgoingEmail
from mail.outbox import email_staff
from tests.auth import make_user


def test_each_reviewer_gets_the_notice_in_their_admin_language(django_user_model):
    english = make_user(django_user_model, "english-reviewer", staff=True)
    UserProfile.objects.create(user=english, preferred_language="en")
    japanese = make_user(django_user_model, "default-reviewer", staff=True)
    no_address = make_user(django_user_model, "no-address", staff=True)
    no_address.email = ""
    no_address.save()
    make_user(django_user_model, "plain-member")  # not allowed to review: told nothing

    def subject():
        return gettext("New application to the network: %(name)s") % {"name": "南の会"}

    email_staff(
        "members.change_application",
        subject,
        "members/emails/application_staff_notice.txt",
        {"application": None, "review_url": "https://example.jp/review/"},
    )

    subjects = dict(OutgoingEmail.objects.values_list("to", "subject"))
    with translation.override("ja"):
        in_japanese = subject()
    assert in_japanese != "New application to the network: 南の会"
    assert subjects == {
        english.email: "New application to the network: 南の会",
        japanese.email: in_japanese,
    }
