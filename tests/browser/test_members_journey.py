"""The whole way in: sign-up, staff approval, invitation, password, authenticator, dashboard."""

from axe_playwright_python.sync_playwright import Axe

from tests.browser import demo_db

DEMO_PASSWORD = "portal-demo-password"


def no_violations(page):
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def log_in(page, server, username, password=DEMO_PASSWORD, code=None, next_path=""):
    page.goto(f"{server}/members/login/{next_path}")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("form.stack button[type=submit]")
    page.wait_for_url("**/members/verify/**")
    demo_db.forget_last_code(server, username)
    page.fill("#id_code", code or demo_db.totp_code(server, username))
    page.click("form.stack button[type=submit]")


def test_sign_up_approval_invitation_enrolment_dashboard(browser, server):
    applicant = browser.new_context()
    page = applicant.new_page()
    page.goto(f"{server}/en/join/apply/")
    no_violations(page)
    page.fill("#id_name", "Sakura Pharmacy")
    page.check("input[name=kind][value=business]")
    page.fill("#id_address", "1-1 Ageo, Saitama")
    page.fill("#id_contact_name", "Hanako Sato")
    page.fill("#id_email", "sakura@example.jp")
    page.fill("#id_phone", "048-000-1234")
    page.check("input[name=offers][value=posters]")
    page.check("input[name=offers][value=leaflets]")
    page.check("#id_listed_publicly")
    page.check("#id_pledge")
    page.click("form button[type=submit]")
    page.wait_for_url("**/join/apply/thanks/")
    applicant.close()

    staff = browser.new_context()
    page = staff.new_page()
    log_in(page, server, "admin", next_path="?next=/admin/members/applications/")
    page.wait_for_url("**/admin/members/applications/**")
    page.click("text=Sakura Pharmacy")
    page.click("button[value=approve]")
    page.wait_for_load_state()
    staff.close()

    invited = browser.new_context()
    page = invited.new_page()
    link = demo_db.link_in_last_email_to(server, "sakura@example.jp")
    page.goto(link.replace("http://testserver", server))
    page.fill("#id_password1", "a long and private passphrase")
    page.fill("#id_password2", "a long and private passphrase")
    page.click("form.stack button[type=submit]")
    page.wait_for_selector(".qr svg")
    no_violations(page)
    page.fill("#id_code", demo_db.unconfirmed_totp_code(server, "sakura@example.jp"))
    page.click("form.stack button[type=submit]")
    assert page.locator(".codes li").count() == 10
    page.click("text=continue")
    page.wait_for_url("**/members/pledge/**")
    no_violations(page)
    page.check("#id_accept")
    page.click("form.stack button[type=submit]")
    page.wait_for_url(f"{server}/members/")
    assert "Sakura Pharmacy" in page.content()
    no_violations(page)
    invited.close()


def test_login_pages_have_no_accessibility_violation(page, server):
    page.goto(f"{server}/members/login/")
    no_violations(page)
    page.fill("#id_username", "member")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("form.stack button[type=submit]")
    page.wait_for_url("**/members/verify/**")
    no_violations(page)


def test_a_password_alone_opens_nothing(page, server):
    page.goto(f"{server}/members/login/")
    page.fill("#id_username", "member")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("form.stack button[type=submit]")
    page.wait_for_url("**/members/verify/**")
    for path in ("/members/", "/members/security/", "/admin/"):
        page.goto(f"{server}{path}")
        assert "/members/login/" in page.url, path


def test_log_in_with_a_backup_code(browser, server):
    context = browser.new_context()
    page = context.new_page()
    log_in(page, server, "member")
    page.wait_for_url(f"{server}/members/")
    page.goto(f"{server}/members/account/")
    page.click("form[action='/members/security/'] button")
    code = page.locator(".codes li code").first.inner_text()
    page.click("text=continue")
    page.click("form[action='/members/logout/'] button")
    log_in(page, server, "member", code=code)
    page.wait_for_url(f"{server}/members/")
    assert "backup code" in page.content().lower()
    context.close()
