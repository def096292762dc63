from django.apps import AppConfig, apps


class CoreConfig(AppConfig):
    name = "lagesbild.core"
    verbose_name = "Lägesbild"

    def ready(self):
        from .versioning import connect_content_signals

        connect_content_signals(apps.get_app_configs())
