"""Facilities: the list and one facility with its letter addresses."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Router
from ninja.errors import HttpError

from habeas.api.auth import audience_of
from habeas.api.pagination import paginate
from habeas.api.schemas import (
    INVALID,
    NOT_FOUND,
    UNAUTHORIZED,
    FacilityDetail,
    FacilityList,
    Id,
    SearchText,
)
from habeas.apps.cases.models import Facility
from habeas.web.queries import facilities_queryset, facility_view

router = Router(tags=["facilities"])

HOW_TO_WRITE = (
    "Write in Russian (letters in other languages are delayed by censorship). Send a paper "
    "letter to the address, or an e-letter through FSIN-pismo (fsin-pismo.ru, paid, needs a "
    "Russian bank card). Address the person in the dative case with their year of birth."
)


@router.get(
    "/facilities",
    response={200: FacilityList, **UNAUTHORIZED, **INVALID},
    summary="List facilities",
)
def list_facilities(
    request: HttpRequest, q: SearchText = "", page: int = 1, page_size: int = 50
) -> dict[str, Any]:
    """Facilities, those holding most registry persons first; ``q`` filters name and region.
    ``held`` counts published persons (everyone for a token that may read internal values)."""
    audience = audience_of(request)
    info, facilities = paginate(facilities_queryset(q[:200], audience), page, page_size)
    items = [
        {"id": f.pk, "name": f.name, "type": f.facility_type, "region": f.region, "held": f.held}
        for f in facilities
    ]
    return {"page": info, "items": items}


@router.get(
    "/facilities/{facility_id}",
    response={200: FacilityDetail, **UNAUTHORIZED, **NOT_FOUND, **INVALID},
    summary="One facility",
)
def get_facility(request: HttpRequest, facility_id: Id) -> dict[str, Any]:
    """A facility, its letter addresses, and the persons held there now."""
    audience = audience_of(request)
    facility = Facility.objects.prefetch_related("addresses").filter(pk=facility_id).first()
    if facility is None:
        raise HttpError(404, "no such facility")
    view = facility_view(facility, audience)
    return {
        "id": facility.pk,
        "name": facility.name,
        "type": facility.facility_type,
        "region": facility.region,
        "addresses": [a.address for a in view["addresses"]],
        "held": [
            {
                "id": p["pk"],
                "name": p["display_name"],
                "name_latin": p["display_name_latin"],
                "status": p["status"],
                "region": "",
                "gender": "",
                "articles": [],
                "url": reverse("web:person", args=[p["pk"]]),
            }
            for p in view["held"]
        ],
        "how_to_write": HOW_TO_WRITE,
    }
