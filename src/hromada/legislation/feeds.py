"""RSS: the association's published positions, and stage changes of bills by subject or section."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hromada.legislation import queries
from hromada.legislation.models import BillStage, Position

FEED_SIZE = 50


class PositionsFeed(Feed):  # type: ignore[type-arg]
    def title(self) -> str:
        return _("Positions of the Association of Ukrainian Cities")

    def link(self) -> str:
        return reverse("legislation:positions")

    def description(self) -> str:
        return _("The association's published positions on bills and drafts.")

    def items(self) -> list[Position]:
        return list(queries.published_positions(queries.PositionFilters())[:FEED_SIZE])

    def item_title(self, item: Position) -> str:
        return f"{item.get_stance_display()}: {item.title}"

    def item_description(self, item: Position) -> str:
        return item.summary

    def item_link(self, item: Position) -> str:
        return reverse("legislation:position", kwargs={"pk": item.pk})

    def item_pubdate(self, item: Position) -> dt.datetime | None:
        if item.published_on is None:
            return None
        return dt.datetime.combine(
            item.published_on, dt.time(9), tzinfo=timezone.get_current_timezone()
        )


class StagesFeed(Feed):  # type: ignore[type-arg]
    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, str]:
        return {
            "subject": request.GET.get("subject", ""),
            "section": request.GET.get("section", ""),
        }

    def title(self, obj: dict[str, str]) -> str:
        return _("Stages of bills")

    def link(self, obj: dict[str, str]) -> str:
        return reverse("legislation:bills")

    def description(self, obj: dict[str, str]) -> str:
        return _("New bills and changes of stage in the Verkhovna Rada.")

    def items(self, obj: dict[str, str]) -> list[BillStage]:
        return list(queries.recent_stage_changes(**obj)[:FEED_SIZE])

    def item_title(self, item: BillStage) -> str:
        return f"№ {item.bill.number}: {item.title or item.get_stage_display()}"

    def item_description(self, item: BillStage) -> str:
        return item.bill.title

    def item_link(self, item: BillStage) -> str:
        return reverse("legislation:bill", kwargs={"number": item.bill.number})

    def item_guid(self, item: BillStage) -> str:
        return f"bill-stage-{item.pk}"

    def item_pubdate(self, item: BillStage) -> dt.datetime:
        return dt.datetime.combine(
            item.happened_on, dt.time(9), tzinfo=timezone.get_current_timezone()
        )
