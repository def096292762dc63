from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "lagesbild.core"
    verbose_name = "Lägesbild"
