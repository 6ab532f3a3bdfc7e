"""What every page must pass in the browser: axe-core finds no serious or critical problem,
and nothing makes the page itself scroll sideways (wide tables scroll inside their own box).

axe-core is vendored beside this file (see vendor/README.md); it is injected into the page,
so the browser context must be opened with `bypass_csp=True` (the site allows no inline script).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import Page

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
BLOCKING_IMPACTS = ("serious", "critical")

# The elements that stick out past the right edge of the window, outermost first: they name
# the culprit when the page is wider than the window.
_WIDER_THAN_WINDOW = """() => {
  const width = window.innerWidth;
  const found = [];
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    if (box.right <= width + 1 || box.width === 0) continue;
    // Inside a scrolling box it is fine, unless positioned out of that box's reach.
    let clipped = false;
    if (getComputedStyle(el).position !== 'absolute') {
      for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
        if (getComputedStyle(up).overflowX !== 'visible') { clipped = true; break; }
      }
    }
    if (clipped) continue;
    const classes = typeof el.className === 'string' ? el.className.trim() : '';
    const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
      + (classes ? '.' + classes.split(/\\s+/).join('.') : '');
    found.push(name + ' right=' + Math.round(box.right));
    if (found.length >= 4) break;
  }
  return {scrollWidth: document.documentElement.scrollWidth, innerWidth: width, found};
}"""


def horizontal_overflow(page: Page) -> str:
    """Empty when the page fits the window; otherwise how wide it is and what sticks out."""
    measured: dict[str, Any] = page.evaluate(_WIDER_THAN_WINDOW)
    if measured["scrollWidth"] <= measured["innerWidth"]:
        return ""
    culprits = ", ".join(measured["found"])
    return f"{measured['scrollWidth']} px wide in a {measured['innerWidth']} px window ({culprits})"


def axe_violations(page: Page) -> list[str]:
    """Serious and critical axe-core violations, one line each: rule, impact, first targets."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    results: dict[str, Any] = page.evaluate("async () => await axe.run(document)")
    lines = []
    for violation in results["violations"]:
        if violation["impact"] not in BLOCKING_IMPACTS:
            continue
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:3]]
        lines.append(
            f"{violation['id']} ({violation['impact']}, {len(violation['nodes'])} elements: "
            f"{'; '.join(targets)})"
        )
    return lines


def page_problems(page: Page) -> list[str]:
    """Everything wrong with the page as it is shown now, for one assertion message."""
    problems = [f"axe: {line}" for line in axe_violations(page)]
    overflow = horizontal_overflow(page)
    if overflow:
        problems.append(f"scrolls sideways: {overflow}")
    return problems
