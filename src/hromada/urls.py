from __future__ import annotations

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from hromada.analytics import views as analytics_views

urlpatterns = i18n_patterns(
    path("", include("hromada.web.urls")),
    # The community profile lives in analytics but sits under the territory's own address.
    path("territories/<str:code>/profile/", analytics_views.profile, name="territory_profile"),
    path("territories/", include("hromada.territories.urls")),
    path("members/", include("hromada.members.urls")),
    path("indicators/", include("hromada.indicators.urls")),
    path("data/", include("hromada.dataio.urls")),
    path("collection/", include("hromada.collection.urls")),
    path("surveys/", include("hromada.surveys.urls")),
    path("analytics/", include("hromada.analytics.urls")),
    path("releases/", include("hromada.releases.urls")),
    path("api-tokens/", include("hromada.api.web_urls")),
    path("accounts/", include("hromada.accounts.urls")),
    path("audit/", include("hromada.audit.urls")),
    path("jobs/", include("hromada.jobs.urls")),
    path("legislation/", include("hromada.legislation.urls")),
    path("appeals/", include("hromada.appeals.urls")),
    path("learning/", include("hromada.learning.urls")),
    path("", include("hromada.workspaces.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)
# The API has no language prefix: its answers are data, not pages.
urlpatterns += [path("api/v1/", include("hromada.api.urls"))]
# Mail providers' delivery reports (bounces, complaints), checked by django-anymail.
urlpatterns += [path("anymail/", include("hromada.workspaces.webhooks"))]
# Liveness and readiness probes (docs/deploy.md).
urlpatterns += [path("", include("hromada.ops.urls"))]
