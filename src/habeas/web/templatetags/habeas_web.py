"""Template filters of the web app: vocabulary labels, article names, query strings."""

from __future__ import annotations

from typing import Any

from django import template
from django.http import QueryDict
from django.utils.translation import get_language

from habeas.web.labels import label as label_of
from habeas.web.queries import article_title

register = template.Library()


@register.filter
def label(code: str | None) -> str:
    """``{{ person.status|label }}``: the translated label of a vocabulary code."""
    return label_of(code)


@register.filter
def article_name(article: str) -> str:
    """``{{ "207.3"|article_name }}``: the article's name in the interface language."""
    return article_title(article, get_language() or "en")


@register.simple_tag(takes_context=True)
def page_url(context: Any, page: int) -> str:
    """The current URL's query string with ``page`` replaced (filters kept)."""
    query: QueryDict = context["request"].GET.copy()
    query["page"] = str(page)
    return "?" + query.urlencode()
