from django import template

from lagesbild.core import formatting

register = template.Library()


@register.filter
def number(value, decimals=0):
    """{{ 1234.5|number:1 }} → 1 234,5 (Swedish) or 1,234.5 (English)."""
    return formatting.format_number(value, int(decimals))


@register.simple_tag
def observation_value(observation, unit=None, decimals=None):
    """Formats an Observation (or a dict with value/lower/upper) with its indicator's unit."""
    get = (
        observation.get
        if isinstance(observation, dict)
        else lambda name: getattr(observation, name, None)
    )
    indicator = get("indicator")
    unit = unit or getattr(indicator, "unit", "antal")
    decimals = decimals if decimals is not None else getattr(indicator, "decimals", 0)
    return formatting.format_observation(
        get("value"), get("lower"), get("upper"), unit, int(decimals)
    )


@register.filter
def period(observation):
    get = (
        observation.get
        if isinstance(observation, dict)
        else lambda name: getattr(observation, name)
    )
    return formatting.format_period(get("period_start"), get("period_end"))
