from django import template

from lagesbild.lab import labels

register = template.Library()


@register.filter
def place_name(territory) -> str:
    """{{ territory|place_name }}: riket is "Sweden" on English pages; other names are proper names."""
    return labels.place_name(territory.code, territory.name)
