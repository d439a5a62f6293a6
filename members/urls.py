from django.contrib.auth import views as auth_views
from django.urls import path

from core.access import public
from members.views import account, language, organization, password, search

app_name = "members"

urlpatterns = [
    path("", account.dashboard_view, name="dashboard"),
    path("login/", account.login_view, name="login"),
    path("verify/", account.verify_view, name="verify"),
    path("logout/", account.logout_view, name="logout"),
    path("invitation/<str:token>/", account.invitation_view, name="accept_invitation"),
    path("pledge/", account.pledge_view, name="pledge"),
    path("account/", account.account_view, name="account"),
    path("account/language/", language.language_view, name="language"),
    path("security/", account.security_view, name="security"),
    path("organization/", organization.organization_view, name="organization"),
    path("organization/invite/", organization.invite_view, name="invite"),
    path("organization/remove/<int:pk>/", organization.remove_view, name="remove"),
    path("search/", search.search_view, name="search"),
    # Resetting a password never logs anyone in: the second factor is still asked at login.
    path("password-reset/", public(password.PasswordResetView.as_view()), name="password_reset"),
    path(
        "password-reset/sent/",
        public(
            auth_views.PasswordResetDoneView.as_view(
                template_name="members/password_reset_sent.html"
            )
        ),
        name="password_reset_sent",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        password.reset_confirm_view,
        name="password_reset_confirm",
    ),
]
