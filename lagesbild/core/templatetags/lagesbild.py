from django import template

from lagesbild.core import formatting

register = template.Library()


@register.filter
def number(value, decimals=0):
    """{{ 1234.5|number:1 }} → 1 234,5 (Swedish) or 1,234.5 (English)."""
    return formatting.format_number(value, int(decimals))


@register.filter
def period(observation):
    get = (
        observation.get
        if isinstance(observation, dict)
        else lambda name: getattr(observation, name)
    )
    return formatting.format_period(get("period_start"), get("period_end"))
