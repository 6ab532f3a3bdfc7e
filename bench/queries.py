"""The raw SQL baselines of the ranking and the profile (plain SQL, SQLite and PostgreSQL).

Ranking: one indicator-year across all hromadas with rank, percentile and the median of the
hromada's peer group (its hromada type). Profile: one hromada, every indicator and year,
each with its rank among all hromadas and how many were ranked.
"""

from __future__ import annotations

from typing import Any

from bench.generate import FIRST_YEAR, YEARS

RANKING = """
WITH v AS (
    SELECT o.territory_id, o.value, t.hromada_type AS peer
    FROM indicators_observation o
    JOIN territories_territory t ON t.id = o.territory_id
    WHERE o.indicator_id = {p} AND o.year = {p} AND o.sex = '' AND o.value IS NOT NULL
      AND t.level = 'hromada'
), r AS (
    SELECT territory_id, value, peer,
           RANK() OVER (ORDER BY value DESC) AS position,
           PERCENT_RANK() OVER (ORDER BY value) AS percentile,
           ROW_NUMBER() OVER (PARTITION BY peer ORDER BY value) AS peer_row,
           COUNT(*) OVER (PARTITION BY peer) AS peers
    FROM v
), m AS (
    SELECT peer, AVG(value) AS peer_median FROM r
    WHERE peer_row IN ((peers + 1) / 2, (peers + 2) / 2) GROUP BY peer
)
SELECT r.territory_id, r.value, r.position, r.percentile, m.peer_median
FROM r JOIN m ON m.peer = r.peer ORDER BY r.position, r.territory_id
"""

PROFILE = """
SELECT mine.indicator_id, mine.year, mine.value,
       1 + SUM(CASE WHEN o.value > mine.value THEN 1 ELSE 0 END) AS position,
       COUNT(o.value) AS ranked
FROM indicators_observation mine
JOIN indicators_observation o
  ON o.indicator_id = mine.indicator_id AND o.year = mine.year AND o.sex = ''
WHERE mine.territory_id = {p} AND mine.sex = '' AND mine.value IS NOT NULL
GROUP BY mine.indicator_id, mine.year, mine.value
ORDER BY mine.indicator_id, mine.year
"""


def ranking(cursor: Any, marker: str, indicator_id: int, year: int) -> list[tuple[Any, ...]]:
    cursor.execute(RANKING.format(p=marker), (indicator_id, year))
    return list(cursor.fetchall())


def profile(cursor: Any, marker: str, territory_id: int) -> list[tuple[Any, ...]]:
    cursor.execute(PROFILE.format(p=marker), (territory_id,))
    return list(cursor.fetchall())


def subjects(cursor: Any) -> tuple[int, int, int]:
    """The measured indicator (the second collected one), last year and a middle hromada."""
    cursor.execute("SELECT id FROM territories_territory WHERE level = 'hromada' ORDER BY id")
    hromadas = [row[0] for row in cursor.fetchall()]
    return 2, FIRST_YEAR + YEARS - 1, int(hromadas[len(hromadas) // 2])
