import os

from django.core.wsgi import get_wsgi_application

# Application servers run production unless DJANGO_SETTINGS_MODULE names other
# settings: the dev settings are never a default here.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

application = get_wsgi_application()
