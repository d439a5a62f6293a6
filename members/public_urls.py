"""Public pages of the members app, inside the language prefix (/ja/join/apply/ …)."""

from django.urls import path

from members.views import roster, signup

urlpatterns = [
    path("join/apply/", signup.signup_view, name="signup"),
    path("join/apply/thanks/", signup.signup_done_view, name="signup_done"),
    path("network/organizations/", roster.roster_view, name="roster"),
]
