"""URLs of the care app (pages arrive with the app)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
