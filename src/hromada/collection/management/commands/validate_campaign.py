"""`hromada validate_campaign CAMPAIGN_ID` (or `--year YEAR`): flags of every submission."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hromada.collection.models import Campaign
from hromada.collection.queries import campaign_verdict


class Command(BaseCommand):
    help = "Run every check over all submissions of a campaign and print counts of flags."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("campaign", nargs="?", type=int, help="campaign id")
        parser.add_argument("--year", type=int, help="the latest campaign of this year instead")

    def handle(self, *args: Any, **options: Any) -> None:
        campaigns = Campaign.objects.all()
        if options["campaign"]:
            campaign = campaigns.filter(pk=options["campaign"]).first()
        elif options["year"]:
            campaign = campaigns.filter(year=options["year"]).first()
        else:
            raise CommandError("give a campaign id or --year")
        if campaign is None:
            raise CommandError("no such campaign")
        verdict = campaign_verdict(campaign)
        flags = verdict.flags
        counts = Counter((flag.kind, flag.severity) for flag in flags)
        for (kind, severity), count in sorted(counts.items()):
            self.stdout.write(f"{kind:10} {severity:8} {count}")
        hromadas = len({flag.territory_id for flag in flags})
        self.stdout.write(
            f"campaign {campaign.pk} ({campaign.year}): {len(flags)} flags "
            f"in {hromadas} of {campaign.submissions.count()} hromadas; "
            f"{len(verdict.errors)} errors block submission, "
            f"{len(verdict.unexplained)} warnings are not explained yet"
        )
