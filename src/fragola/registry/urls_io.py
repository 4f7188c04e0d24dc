"""Import and export pages (members' book, co-operatives)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
