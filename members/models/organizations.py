from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class OrganizationKind(models.TextChoices):
    CITY = "city", _("City department")
    AGENCY = "agency", _("Related agency")
    NPO = "npo", _("NPO or citizens' group")
    BUSINESS = "business", _("Business or shop")
    MEDICAL = "medical", _("Medical or care provider")
    EDUCATION = "education", _("School or education")
    OTHER = "other", _("Other")


class Offer(models.TextChoices):
    """What an organization can do for the network (the seed's examples)."""

    POSTERS = "posters", _("Display posters")
    LEAFLETS = "leaflets", _("Hand out leaflets and cards")
    ACCOMPANY = "accompany", _("Accompany a person to the centre")
    LECTURES = "lectures", _("Attend lectures")
    OUTREACH = "outreach", _("Outreach")
    DROP_IN = "drop_in", _("Offer a drop-in place")
    OTHER = "other", _("Other")


class OrganizationFields(models.Model):
    """What an organization tells the network about itself: in sign-ups and in the roster."""

    name = models.CharField(_("organization name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganizationKind.choices)
    address = models.TextField(_("address"))
    contact_name = models.CharField(_("contact person"), max_length=100)
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone"), max_length=40)
    offers = models.JSONField(_("what the organization can do"), default=list, blank=True)
    offers_other = models.CharField(_("other, in their words"), max_length=300, blank=True)
    listed_publicly = models.BooleanField(_("may be listed publicly"), default=False)
    # A place to be (居場所): what a woman needs to know before she goes, shown in the roster.
    place_open = models.BooleanField(
        _("drop-in place open to anyone"),
        default=False,
        help_text=_("Anyone may come without an appointment or a referral."),
    )
    place_hours = models.TextField(_("place: opening hours"), blank=True)
    place_contact = models.TextField(
        _("place: how to get in touch"),
        blank=True,
        help_text=_("Phone, email or LINE as the place wants to be reached, or 'just come'."),
    )
    place_audience = models.TextField(_("place: who may come"), blank=True)
    place_description = models.TextField(
        _("place: what it is like"),
        blank=True,
        help_text=_("A short account of a visit: the room, who is there, what happens."),
    )

    class Meta:
        abstract = True

    def get_offers_display(self):
        labels = dict(Offer.choices)
        return [labels[o] for o in self.offers if o in labels]


PLACE_FIELDS = ("place_hours", "place_contact", "place_audience", "place_description")


class Place:
    """A place to be as the roster shows it: in the reader's language when translated."""

    def __init__(self, organization, texts, lang):
        self.organization = organization
        self.is_open = organization.place_open
        self.hours = texts.get("place_hours", "")
        self.contact = texts.get("place_contact", "")
        self.audience = texts.get("place_audience", "")
        self.description = texts.get("place_description", "")
        self.lang = lang  # the language of the text, when not the reader's


class Organization(OrganizationFields):
    """A member of the network: a city department, an agency or a registered organization."""

    is_active = models.BooleanField(_("active"), default=True)
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)
    place_translations = models.JSONField(
        _("place: translations"),
        default=dict,
        blank=True,
        help_text=_(
            "By language code, the place's details translated, e.g. "
            '{"en": {"place_hours": "…", "place_description": "…"}}.'
        ),
    )

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def place(self):
        """The place to be (居場所) this organization offers, or None."""
        if "drop_in" not in self.offers:
            return None
        source = {name: getattr(self, name) for name in PLACE_FIELDS}
        if not any(source.values()) and not self.place_open:
            return None
        reader = get_language() or settings.LANGUAGE_CODE
        if reader != settings.LANGUAGE_CODE:
            translated = (self.place_translations or {}).get(reader)
            if translated:
                return Place(self, {**source, **translated}, None)
        # Japanese as the organization wrote it: marked outside Japanese and easy Japanese.
        same = reader.split("-")[0] == settings.LANGUAGE_CODE
        return Place(self, source, None if same else settings.LANGUAGE_CODE)


class Membership(models.Model):
    class Role(models.TextChoices):
        ADMIN = "admin", _("Organization administrator")
        MEMBER = "member", _("Member")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    # Set by staff: who is in the audience of each of the network's meetings (要綱 第7条, 第8条).
    is_representative = models.BooleanField(
        _("attends the representatives' meeting"),
        default=False,
        help_text=_("Sees and is invited to events for the representatives' meeting."),
    )
    is_practitioner = models.BooleanField(
        _("attends the practitioners' meeting"),
        default=False,
        help_text=_("Sees and is invited to events for the practitioners' meeting."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self):
        return f"{self.user} ({self.organization})"

    @property
    def is_admin(self):
        return self.role == self.Role.ADMIN


def membership_of(user):
    """The user's membership in an active organization, or None.

    Says nothing of how the user logged in: members.access asks for the
    second factor; the calendar feed, which has no session, for its token.
    """
    if not user.is_authenticated:
        return None
    try:
        membership = user.membership
    except Membership.DoesNotExist:
        return None
    return membership if membership.organization.is_active else None
