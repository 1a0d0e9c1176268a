"""Page-number pagination with the count, for list endpoints."""

from __future__ import annotations

import math
from typing import Any

from django.db.models import QuerySet

MAX_PAGE_SIZE = 200


def paginate(
    queryset: QuerySet[Any], page: int, page_size: int
) -> tuple[dict[str, int], list[Any]]:
    """One page of ``queryset`` and its description (page numbers start at 1)."""
    size = max(1, min(page_size, MAX_PAGE_SIZE))
    count = queryset.count()
    pages = max(1, math.ceil(count / size))
    number = max(1, min(page, pages))
    items = list(queryset[(number - 1) * size : number * size])
    return {"count": count, "page": number, "pages": pages, "page_size": size}, items
