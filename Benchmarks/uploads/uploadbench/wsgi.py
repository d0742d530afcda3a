"""The WSGI entry point gunicorn serves: `gunicorn uploadbench.wsgi`."""
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "uploadbench.settings")
application = get_wsgi_application()
