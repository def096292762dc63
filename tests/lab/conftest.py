import pytest

from .builders import forget_caches


@pytest.fixture(autouse=True)
def _fresh_caches():
    forget_caches()
    yield
    forget_caches()
