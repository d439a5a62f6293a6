from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail.users.models import UserProfile


class LoginForm(forms.Form):
    username = forms.CharField(
        label=_("Email or user name"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("The 6-digit code from your authenticator app, or one of your backup codes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autocapitalize": "off"}
        ),
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split())


class NewPasswordForm(forms.Form):
    password1 = forms.CharField(
        label=_("New password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("New password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords are not the same."))
        elif first:
            try:
                password_validation.validate_password(first, self.user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class PledgeForm(forms.Form):
    accept = forms.BooleanField(label=_("I accept the confidentiality pledge."), required=True)


class InviteForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    email = forms.EmailField(label=_("Email"))


class ConfirmPasswordForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_(
            "The password you use to log in. Your second factor was reset, so we ask it first."
        ),
    )


def language_choices():
    """The site's languages, each named in itself."""
    return [(code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES]


class LanguageForm(forms.Form):
    """The language of the members' pages and of the emails to this account."""

    language = forms.ChoiceField(
        label=_("Language of the members' pages and emails"), choices=language_choices
    )

    def save(self, user):
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = self.cleaned_data["language"]
        profile.save(update_fields=["preferred_language"])
        return profile.preferred_language
