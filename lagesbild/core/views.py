from django.shortcuts import render

from lagesbild.indicators.coverage import coverage, declared_totals
from lagesbild.indicators.models import Observation


def home(request):
    rows = coverage()
    regional, total = declared_totals(rows)
    return render(request, "core/home.html", {
        "goals": rows,
        "declared_regional": regional,
        "declared_total": total,
        "has_example_data": Observation.objects.filter(is_example=True).exists(),
    })
