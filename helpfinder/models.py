from http import HTTPMethod

from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail_localize.fields import TranslatableField

from home.models import BasePage, NetworkSettings

from .blocks import QuestionsBlock
from .flow import Flow
from .results import find_results


class HelpFinderPage(BasePage):
    """相談先ナビ: a few questions, one a page, leading to the windows that fit.

    Nothing a reader chooses is kept: each step is a POST to this page's own
    URL carrying the answers so far in its body (never in the URL, a cookie
    or a session), and no response may be stored by the browser or the page
    cache. The body is shown above the first question.
    """

    questions = StreamField(
        QuestionsBlock(),
        blank=True,
        verbose_name=_("questions"),
        help_text=_(
            "Readers answer one question at a time, starting with the first. An answer leads "
            "to the question below it, to the question whose key it names, or straight to the "
            "results, which list the windows and topic pages of every answer given."
        ),
    )

    content_panels = BasePage.content_panels + [FieldPanel("questions")]
    translatable_fields = BasePage.translatable_fields + [TranslatableField("questions")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    # One finder per language is enough: each home links to its own.
    max_count_per_parent = 1
    allowed_http_methods = [HTTPMethod.GET, HTTPMethod.HEAD, HTTPMethod.OPTIONS, HTTPMethod.POST]

    class Meta:
        verbose_name = _("help finder")
        verbose_name_plural = _("help finders")

    # The POST only chooses which step to render: it changes nothing and
    # stores nothing, so there is nothing to forge, and a CSRF token would
    # need a cookie that readers must not get. helpfinder.csrf makes Django
    # honour this mark on a Wagtail page. Error reports never show the answers.
    @method_decorator(csrf_exempt)
    @method_decorator(sensitive_post_parameters())
    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if request.method == "POST":
            add_never_cache_headers(response)
        else:
            # The first question is the same for everyone: the page cache may
            # keep it, the browser need not.
            patch_cache_control(response, no_store=True)
        return response

    def step_for(self, request):
        flow = Flow.from_raw(self.questions.raw_data)
        if request.method != "POST":
            return flow.start()
        answers = request.POST.getlist("answer")
        if "back" in request.POST:
            answers = answers[:-1]
        # Anything that does not fit (an old form, tampering) starts again calmly.
        return flow.walk(answers) or flow.start()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        step = self.step_for(request)
        context["step"] = step
        if step.question is None:
            hub_id = NetworkSettings.for_reader(request).hub_window_id
            context["results"] = find_results(step, self.locale_id, hub_id, request)
        return context
