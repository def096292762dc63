"""What every public Hitta stöd page carries for the safety of its visitors: the quick exit and the
national numbers."""

from django import template
from django.conf import settings

from ..helplines import HELPLINES

register = template.Library()


@register.inclusion_tag("directory/_quick_exit.html")
def quick_exit():
    return {"quick_exit_url": settings.QUICK_EXIT_URL}


@register.inclusion_tag("directory/_helplines.html")
def helplines():
    return {"helplines": HELPLINES}
