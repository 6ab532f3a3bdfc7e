"""Legislative work's models, one module per part of the room:

- `bills`: Subject, Bill, BillStage, and what people follow (Watch, Alert);
- `positions`: Position with its versions and Letters, ImpactModel and ImpactResult;
- `consultation`: Consultation of members, its Articles and members' Comments;
- `government`: GovernmentMeeting with AgendaItems, and MPs of the inter-faction group.

Everything is importable from `hromada.legislation.models`, as Django expects.
"""

from __future__ import annotations

from hromada.legislation.models.bills import (
    Alert,
    Bill,
    BillSource,
    BillStage,
    Subject,
    Watch,
    search_text,
)
from hromada.legislation.models.consultation import (
    Article,
    Audience,
    Comment,
    Consultation,
    Opinion,
)
from hromada.legislation.models.government import MP, AgendaItem, BodyKind, GovernmentMeeting
from hromada.legislation.models.positions import (
    ImpactModel,
    ImpactResult,
    Letter,
    Position,
    PositionVersion,
    Stance,
)

__all__ = [
    "MP",
    "AgendaItem",
    "Alert",
    "Article",
    "Audience",
    "Bill",
    "BillSource",
    "BillStage",
    "BodyKind",
    "Comment",
    "Consultation",
    "GovernmentMeeting",
    "ImpactModel",
    "ImpactResult",
    "Letter",
    "Opinion",
    "Position",
    "PositionVersion",
    "Stance",
    "Subject",
    "Watch",
    "search_text",
]
