// wagtail-localize's translation editor (1.x) writes the hidden label of its
// publish menu, "More actions", without gettext: a screen reader heard English
// in the Japanese admin. It is translated here from the admin's script
// catalogue (portal/locale_admin/). This can go when wagtail-localize
// translates it.
(() => {
  const LABEL = 'More actions';
  const start = () => {
    const editor = document.querySelector('.js-translation-editor');
    const gettext = window.django && window.django.gettext;
    if (!editor || !gettext || gettext(LABEL) === LABEL) return;
    const translate = () => {
      editor.querySelectorAll('.w-sr-only').forEach((element) => {
        if (element.textContent === LABEL) element.textContent = gettext(LABEL);
      });
    };
    new MutationObserver(translate).observe(editor, { childList: true, subtree: true });
    translate();
  };
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
