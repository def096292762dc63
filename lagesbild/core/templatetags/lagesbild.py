from django import template
from django.utils.html import format_html
from django.utils.translation import gettext

from lagesbild.core import formatting
from lagesbild.core.marking import EXAMPLE_EXPLANATION, EXAMPLE_WORD, example_notice

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


@register.simple_tag
def example_badge(record_or_flag) -> str:
    """{% example_badge service %}: the badge "Exempeldata" after anything generated, nothing otherwise."""
    flag = getattr(record_or_flag, "is_example", record_or_flag)
    return (
        format_html('<span class="badge badge-example">{}</span>', gettext(EXAMPLE_WORD))
        if flag
        else ""
    )


@register.inclusion_tag("core/_example_notice.html")
def example_banner():
    """The banner the base template shows on every page that holds example data."""
    return {
        "notice": example_notice(),
        "word": gettext(EXAMPLE_WORD),
        "explanation": gettext(EXAMPLE_EXPLANATION),
    }


@register.simple_tag
def example_notice_text() -> str:
    return example_notice()
