"""A staff day in Japanese, in Chromium: the dashboard, an application, an event through
preview, moderation and its announcement, and a translation brought up to date.

Staff log in with both factors, their admin language kept as Japanese. Every
screen is read as the browser draws it (the sidebar, menus and the translation
editor included) and looked up in the English msgids of the admin's catalogues,
as ``tests/test_admin_japanese.py`` does for each screen over HTTP.
"""

import datetime

import pytest

from tests.browser import demo_db
from tests.browser.server_django import run_django
from tests.test_admin_japanese import (
    english_msgids,
    interface_texts,
    placeholder_patterns,
    same_in_japanese,
)

DEMO_PASSWORD = "portal-demo-password"
APPLICANT = "上尾駅前整骨院"
EVENT = "冬の実務者連絡会"
# A Japanese page translated into English, changed in Japanese after the translation.
CHANGED_SLUG = "faq"
TITLE = "よくある質問"
CHANGED_TITLE = "よくある質問（改訂版）"
CHANGED_IN_ENGLISH = "Frequently asked questions (revised)"

SETUP = f"""
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowContentType, WorkflowTask
from wagtail.users.models import UserProfile

from events.models import Event
from members.models import PledgeAcceptance, PledgeVersion

User = get_user_model()
admin = User.objects.get(username="admin")
moderator, _ = User.objects.get_or_create(
    username="jimukyokucho",
    defaults={{"email": "jimukyokucho@example.jp", "first_name": "事務局長", "is_staff": True}},
)
moderator.set_password("{DEMO_PASSWORD}")
moderator.save()
moderators = Group.objects.get(name="Moderators")
moderator.groups.add(moderators)
# Events are the moderators' to publish.
for codename in ("add_event", "change_event", "publish_event"):
    moderators.permissions.add(
        *__import__("django.contrib.auth.models", fromlist=["Permission"])
        .Permission.objects.filter(codename=codename, content_type__app_label="events")
    )
TOTPDevice.objects.get_or_create(user=moderator, confirmed=True, defaults={{"name": "phone"}})
PledgeAcceptance.objects.get_or_create(user=moderator, version=PledgeVersion.current())
for user in (admin, moderator):
    UserProfile.objects.update_or_create(user=user, defaults={{"preferred_language": "ja"}})

workflow, _ = Workflow.objects.get_or_create(name="会議の確認")
task, created = GroupApprovalTask.objects.get_or_create(name="事務局長の承認")
if created:
    task.groups.set([moderators])
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
WorkflowContentType.objects.get_or_create(
    content_type=ContentType.objects.get_for_model(Event), defaults={{"workflow": workflow}}
)

page = Page.objects.get(slug="{CHANGED_SLUG}", locale__language_code="ja").specific
page.title = "{CHANGED_TITLE}"
page.save_revision(user=admin).publish(user=admin)
"""

TEARDOWN = """
from django.contrib.contenttypes.models import ContentType
from wagtail.models import WorkflowContentType

from events.models import Event

WorkflowContentType.objects.filter(content_type=ContentType.objects.get_for_model(Event)).delete()
"""


@pytest.fixture(scope="module")
def day(server):
    run_django(server, SETUP)
    yield server
    run_django(server, TEARDOWN)


@pytest.fixture(scope="module")
def english():
    """The admin's English msgids, and whole texts made from those with placeholders."""
    msgids = english_msgids()
    allowed = same_in_japanese(msgids)
    return msgids - allowed, placeholder_patterns(msgids - allowed)


def editor_content(server):
    """Names and titles staff and the demo wrote: content, not interface."""
    queries = [
        "SELECT title FROM wagtailcore_page UNION SELECT draft_title FROM wagtailcore_page",
        "SELECT slug FROM wagtailcore_page",
        "SELECT title FROM members_event",
        "SELECT name FROM members_organization UNION SELECT name FROM members_application",
        "SELECT username FROM auth_user UNION SELECT first_name FROM auth_user",
        "SELECT email FROM auth_user",
        "SELECT name FROM auth_group UNION SELECT name FROM wagtailcore_workflow",
        "SELECT name FROM wagtailcore_task UNION SELECT name FROM wagtailcore_collection",
        "SELECT site_name FROM wagtailcore_site",
    ]
    with demo_db.connect(server) as db:
        found = {row[0] for query in queries for row in db.execute(query)}
    return {" ".join(str(c).split()) for c in found if c}


def assert_japanese(page, server, english):
    """No interface text of this screen is one of the admin's English msgids."""
    msgids, patterns = english
    texts = interface_texts(page.content()) - editor_content(server)
    shown = {t for t in texts if t in msgids}
    shown |= {m for t in texts for m, p in patterns if p.match(t)}
    assert not shown, f"English on {page.url}: {sorted(shown)}"
    assert page.get_attribute("html", "lang") == "ja"


def log_in(browser, server, username):
    context = browser.new_context(locale="en-US")  # the admin is Japanese whatever it asks
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(f"{server}/members/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("form.stack button[type=submit]")
    page.wait_for_url("**/members/verify/**")
    demo_db.forget_last_code(server, username)
    page.fill("#id_code", demo_db.totp_code(server, username))
    page.click("form.stack button[type=submit]")
    page.wait_for_url(f"{server}/admin/")
    return page


def panel(page, heading):
    """A dashboard panel by its heading."""
    return page.locator("main section").filter(has=page.locator("h2", has_text=heading))


def one(server, query, *args):
    with demo_db.connect(server) as db:
        return db.execute(query, args).fetchone()


def local(moment):
    return moment.strftime("%Y-%m-%d %H:%M")


def test_a_staff_day_in_japanese(browser, day, english):
    server = day
    page = log_in(browser, server, "admin")

    # The dashboard: the work waiting, each panel in Japanese.
    for heading in ("審査する入会申請", "資料の提案", "これからのイベント", "日本語より古い翻訳"):
        assert page.locator("main h2", has_text=heading).count() == 1, heading
    assert page.locator("main h2", has_text="メールの送信待ち").count() == 1
    assert TITLE in panel(page, "日本語より古い翻訳").inner_text()
    assert_japanese(page, server, english)

    # An application reviewed and approved.
    panel(page, "審査する入会申請").locator("a", has_text="申請を審査する").click()
    page.wait_for_url("**/admin/members/applications/**")
    assert_japanese(page, server, english)
    page.click(f"text={APPLICANT}")
    page.wait_for_url("**/inspect/**")
    assert_japanese(page, server, english)
    page.click("button[value=approve]")
    page.wait_for_load_state()
    assert_japanese(page, server, english)
    status, organization = one(
        server,
        "SELECT a.status, o.name FROM members_application a "
        "LEFT JOIN members_organization o ON o.name = a.name WHERE a.name = ?",
        APPLICANT,
    )
    assert status == "approved" and organization == APPLICANT

    # An event written, previewed and sent to moderation, its announcement confirmed.
    page.goto(f"{server}/admin/snippets/events/event/add/")
    assert_japanese(page, server, english)
    start = datetime.datetime.now() + datetime.timedelta(days=20)
    page.fill("#id_title", EVENT)
    page.select_option("#id_kind", "practitioners")
    page.select_option("#id_audience", "members")
    page.fill("#id_start", local(start))
    page.fill("#id_end", local(start + datetime.timedelta(hours=2)))
    page.fill("#id_venue", "上尾市役所 7階会議室")
    page.click("[data-side-panel-toggle=preview]")
    preview = page.frame_locator("#w-preview-iframe")
    preview.locator("h1", has_text=EVENT).wait_for()
    page.click("footer .w-dropdown__toggle")
    page.click("button[name=action-submit]")
    page.wait_for_url("**/admin/snippets/events/event/publish/**")
    assert_japanese(page, server, english)
    confirm = page.locator("main form button[type=submit]")
    members = one(
        server,
        "SELECT count(*) FROM members_membership m JOIN auth_user u ON u.id = m.user_id "
        "JOIN members_organization o ON o.id = m.organization_id "
        "WHERE u.is_active AND o.is_active",
    )[0]
    # Who will be emailed, by organization, before anything is sent.
    people = page.locator("main table.listing tbody td:nth-child(2)").all_inner_texts()
    assert sum(int(n) for n in people) == members
    assert str(members) in confirm.inner_text()
    confirm.click()
    page.wait_for_load_state()
    assert_japanese(page, server, english)
    live, in_moderation = one(
        server,
        "SELECT e.live, EXISTS(SELECT 1 FROM wagtailcore_workflowstate w "
        "WHERE w.object_id = CAST(e.id AS TEXT) AND w.status = 'in_progress') "
        "FROM members_event e WHERE e.title = ?",
        EVENT,
    )
    assert not live and in_moderation
    page.context.close()

    # The hub's director approves it from her dashboard: published, its audience emailed.
    director = log_in(browser, server, "jimukyokucho")
    assert_japanese(director, server, english)
    panel(director, "あなたのレビューの待機中").locator("a", has_text=EVENT).first.click()
    director.wait_for_url("**/admin/snippets/events/event/edit/**")
    assert_japanese(director, server, english)
    director.click("footer .w-dropdown__toggle")
    director.click("footer button:has-text('承認')")
    director.wait_for_load_state()
    assert_japanese(director, server, english)
    event_id, live = one(server, "SELECT id, live FROM members_event WHERE title = ?", EVENT)
    assert live
    queued = one(
        server,
        "SELECT count(*) FROM members_outgoingemail WHERE subject LIKE ?",
        f"%{EVENT}%",
    )[0]
    assert queued == members
    director.context.close()

    # A translation behind its Japanese: synced, translated in the editor, published.
    page = log_in(browser, server, "admin")
    panel(page, "日本語より古い翻訳").locator("a", has_text=TITLE).click()
    page.wait_for_url("**/admin/localize/update/**")
    assert_japanese(page, server, english)
    page.click("main input[type=submit]")
    page.wait_for_load_state()
    english_page = one(
        server,
        "SELECT p.id FROM wagtailcore_page p JOIN wagtailcore_locale l ON l.id = p.locale_id "
        "WHERE p.slug = ? AND l.language_code = 'en'",
        CHANGED_SLUG,
    )[0]
    page.goto(f"{server}/admin/pages/{english_page}/edit/")
    segment = page.locator("li.incomplete").filter(has=page.locator("p", has_text=CHANGED_TITLE))
    segment.wait_for()
    assert_japanese(page, server, english)
    segment.locator("button", has_text="翻訳").click()
    segment.locator("textarea").fill(CHANGED_IN_ENGLISH)
    segment.locator("button", has_text="保存").click()
    page.locator("li.complete", has_text=CHANGED_IN_ENGLISH).wait_for()
    page.locator("button", has_text="公開: English").click()
    page.wait_for_load_state()
    assert_japanese(page, server, english)
    title = one(server, "SELECT title, live FROM wagtailcore_page WHERE id = ?", english_page)
    assert title == (CHANGED_IN_ENGLISH, 1)
    page.goto(f"{server}/en/{CHANGED_SLUG}/")
    assert CHANGED_IN_ENGLISH in page.locator("h1").inner_text()
    page.context.close()
