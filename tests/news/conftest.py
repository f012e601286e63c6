# The editor's and publisher's logged-in clients, for the admin tests in other modules.
from tests.news.test_admin import editor_client, publisher_client  # noqa: F401
