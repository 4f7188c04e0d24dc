"""Request types for views behind ``login_required`` (the user is known) and htmx."""

from django.contrib.auth.models import User
from django.db.models import Model
from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class AuthedRequest(HttpRequest):
    user: User
    htmx: HtmxDetails
    # The organisation the page is about (the navigation bar shows it); set by ``page_context``.
    organisation: Model
