"""`{% render_panel panel %}`: include a panel's template with the panel's own context.

Like `{% include panel.template %}`, but the names in `panel.context` become variables of
the included template, so each app writes its panel as a plain template.
"""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from hromada.territories.panels import Panel

register = template.Library()


@register.simple_tag(takes_context=True)
def render_panel(context: template.Context, panel: Panel) -> SafeString:
    assert context.template is not None  # noqa: S101 - always set while a template renders
    included = context.template.engine.get_template(panel.template)
    with context.push(**panel.context):
        return SafeString(included.render(context))
