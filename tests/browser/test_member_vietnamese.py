"""A member whose browser asks for Vietnamese, in Chromium: from the login (with its own
language menu) through the pledge to the members' pages, an answer to an event,
a change of language and back, and an email in Vietnamese.
"""

import re
from email import message_from_bytes, policy

import pytest

from tests.browser import demo_db
from tests.browser.server_django import run_django

DEMO_PASSWORD = "portal-demo-password"
MEMBER = "lan"
ADDRESS = "lan@example.jp"

# A member of a registered organization who has not yet accepted the pledge or
# chosen a language.
SETUP = f"""
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.users.models import UserProfile

from events.models import EventResponse
from members.models import Membership, Organization, PledgeAcceptance

user, _ = get_user_model().objects.get_or_create(
    username="{MEMBER}", defaults={{"email": "{ADDRESS}", "first_name": "Lan", "last_name": "Nguyen"}}
)
user.set_password("{DEMO_PASSWORD}")
user.save()
if not Membership.objects.filter(user=user).exists():
    Membership.objects.create(
        user=user, organization=Organization.objects.get(name="NPO法人 ひだまりの家")
    )
TOTPDevice.objects.get_or_create(user=user, confirmed=True, defaults={{"name": "phone"}})
PledgeAcceptance.objects.filter(user=user).delete()
EventResponse.objects.filter(user=user).delete()
UserProfile.objects.update_or_create(user=user, defaults={{"preferred_language": ""}})
"""

# Staff publish an event for all members, its announcement confirmed: queued, then sent.
ANNOUNCE = """
import datetime

from django.utils import timezone

from events.models import AnnouncementConfirmation, Event, EventAudience, EventKind

start = timezone.now() + datetime.timedelta(days=30)
event = Event(
    live=False, title="全体会議のお知らせ", kind=EventKind.OTHER, audience=EventAudience.MEMBERS,
    start=start, end=start + datetime.timedelta(hours=2), venue="上尾市役所",
)
event.save()
AnnouncementConfirmation.objects.create(event=event, recipients=0)
event.save_revision().publish()
"""

# Each page of the members' navigation and a line it shows in Vietnamese.
PAGES = {
    "/members/": "Khu vực thành viên",
    "/members/events/": "Các cuộc họp và sự kiện",
    "/members/library/": "Thư viện tài liệu",
    "/members/training/": "Đào tạo",
    "/members/account/": "Nguồn cấp lịch",
}


@pytest.fixture
def lan(server):
    run_django(server, SETUP)
    return server


def kept_language(server):
    with demo_db.connect(server) as db:
        row = db.execute(
            "SELECT p.preferred_language FROM wagtailusers_userprofile p "
            "JOIN auth_user u ON u.id = p.user_id WHERE u.username = ?",
            (MEMBER,),
        ).fetchone()
    return row[0] if row else ""


def last_email_to(server, address):
    files = sorted(server.mail.glob("*.log"), key=lambda p: p.stat().st_mtime)
    for file in reversed(files):
        for raw in reversed(file.read_bytes().split(b"-" * 79)):
            message = message_from_bytes(raw.strip(), policy=policy.default)
            if message["To"] == address:
                return message, message.get_body().get_content()
    raise AssertionError(f"no email to {address}")


def pick_language(page, code):
    """The language menu of the pages before logging in: links to the same page."""
    page.click(".languages summary")
    page.click(f'.languages a[hreflang="{code}"]')
    page.wait_for_url(f"**lang={code}*")


def test_a_member_in_vietnamese(browser, lan):
    server = lan
    context = browser.new_context(locale="vi-VN")  # Accept-Language: vi-VN,vi
    page = context.new_page()
    page.set_default_timeout(20_000)

    # Before logging in: the browser's Vietnamese, and a menu that keeps the page.
    page.goto(f"{server}/members/login/")
    assert page.get_attribute("html", "lang") == "vi"
    assert page.inner_text("h1") == "Đăng nhập vào khu vực thành viên"
    pick_language(page, "ja")
    assert page.url.startswith(f"{server}/members/login/?")
    assert page.get_attribute("html", "lang") == "ja"
    assert page.inner_text("h1") == "メンバー専用ページにログイン"
    page.click("a[href^='/members/password-reset/']")
    page.wait_for_url("**/members/password-reset/?lang=ja")
    assert page.get_attribute("html", "lang") == "ja"
    page.go_back()
    pick_language(page, "vi")
    assert page.inner_text("h1") == "Đăng nhập vào khu vực thành viên"
    assert not context.cookies()  # nobody who is not logged in gets a cookie
    page.fill("#id_username", MEMBER)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("form.stack button[type=submit]")
    page.wait_for_url("**/members/verify/**")
    assert "lang=vi" in page.url
    assert page.get_attribute("html", "lang") == "vi"
    assert page.inner_text("h1") == "Nhập mã của bạn"
    demo_db.forget_last_code(server, MEMBER)
    page.fill("#id_code", demo_db.totp_code(server, MEMBER))
    page.click("form.stack button[type=submit]")

    # First the pledge, in Vietnamese, with the browser's language offered to keep.
    page.wait_for_url("**/members/pledge/**")
    assert page.get_attribute("html", "lang") == "vi"
    assert page.locator("#language-offer").input_value() == "vi"
    assert kept_language(server) == ""  # nothing kept before she chooses
    page.click("form.language-offer button[type=submit]")
    page.wait_for_url("**/members/pledge/**")
    assert kept_language(server) == "vi"
    assert page.locator("form.language-offer").count() == 0
    page.check("#id_accept")
    page.click("form.stack button[type=submit]")
    page.wait_for_url(f"{server}/members/")

    # Her pages, in Vietnamese; the navigation marks where she is.
    for path, line in PAGES.items():
        page.click(f".members-nav a[href='{path}']")
        page.wait_for_url(f"{server}{path}")
        assert page.get_attribute("html", "lang") == "vi", path
        assert line in page.inner_text("main"), path
        current = page.locator(".members-nav a[aria-current]")
        assert current.count() == 1 and current.get_attribute("href") == path
        assert current.get_attribute("aria-current") == "page"

    # She answers an event.
    page.goto(f"{server}/members/events/")
    links = page.locator("main a[href^='/members/events/']").evaluate_all(
        "as => as.map(a => a.pathname)"
    )
    event_path = next(p for p in links if re.fullmatch(r"/members/events/\d+/", p))
    page.click(f"main a[href='{event_path}']")
    page.wait_for_url(f"{server}{event_path}")
    page.check("input[name=answer][value=yes]")
    page.fill("input[name=people]", "2")
    page.click("form[action$='/answer/'] button[type=submit]")
    page.wait_for_load_state()
    assert page.get_attribute("html", "lang") == "vi"
    assert "Thay đổi câu trả lời" in page.inner_text("main")  # "Change my answer"
    with demo_db.connect(server) as db:
        attending, people = db.execute(
            "SELECT r.attending, r.people FROM members_eventresponse r "
            "JOIN auth_user u ON u.id = r.user_id WHERE u.username = ?",
            (MEMBER,),
        ).fetchone()
    assert attending and people == 2

    # Japanese from the library's language menu, on the same page; Vietnamese again.
    page.goto(f"{server}/members/library/")
    page.click(".members-languages summary")
    page.click(".members-languages button[value=ja]")
    page.wait_for_url(f"{server}/members/library/")
    assert page.get_attribute("html", "lang") == "ja"
    assert kept_language(server) == "ja"
    page.click(".members-languages summary")
    page.click(".members-languages button[value=vi]")
    page.wait_for_url(f"{server}/members/library/")
    assert page.get_attribute("html", "lang") == "vi"
    assert kept_language(server) == "vi"
    context.close()

    # An event announced to all members reaches her in Vietnamese.
    run_django(server, ANNOUNCE)
    message, body = last_email_to(server, ADDRESS)
    assert "Kính gửi" in body
    assert "Mạng lưới hỗ trợ vừa thông báo một cuộc họp hoặc sự kiện dành cho bạn." in body
    assert "Sự kiện mới" in message["Subject"] and "全体会議のお知らせ" in body
