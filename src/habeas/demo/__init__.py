"""Demo data: a synthetic registry and three partner lists in the shapes real lists have.

Pure Python (no Django). Everything is deterministic for a seed. Synthetic people only,
plus one real public case (Boris Kagarlitsky) with public facts only. See docs/demo.md.
"""

from __future__ import annotations

from .interchange import INTERCHANGE_COLUMNS, write_interchange_csv
from .lists import write_partner_lists
from .model import DemoPerson, Facility, PartnerList
from .people import generate_people

__all__ = [
    "INTERCHANGE_COLUMNS",
    "DemoPerson",
    "Facility",
    "PartnerList",
    "generate_people",
    "write_interchange_csv",
    "write_partner_lists",
]
