"""Every page satisfies the Content-Security-Policy (issue 12), checked in headless Chromium.

Each page is opened with a listener for ``securitypolicyviolation`` events installed before
any of the page's own code runs; console errors (Chromium logs "Refused to ...") are
collected by ``new_browser_page`` as well. Public pages, error pages and the admin (login,
changelists, a change form with autocomplete widgets) must give none.
"""

import pytest

from articles.models import Article
from tests.factories import StaffUserFactory
from tests.test_browser import site  # noqa: F401  (the seeded live server)

pytestmark = pytest.mark.browser

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""

PUBLIC_PAGES = [
    "/",
    "/articles/",
    "/articles/?q=%C3%A9cole+" + "a+" * 40 + "&region=旺仓县",  # notice and error shown
    "/articles/?region=510000&o=-published",
    "/regions/510000/",
    "/regions/510821/",
    "/compare/",
    "/compare/?indicator=volunteer-teams",
    "/compare/?indicator=volunteer-teams&per=1000&level=province",  # a 400 with the form
    "/articles/999999999/",  # 404
]


def violations(page) -> list[str]:
    page.wait_for_load_state("networkidle")
    return page.evaluate("window.__cspViolations")


def test_every_public_page_satisfies_the_content_security_policy(site, new_browser_page):  # noqa: F811
    browser_page = new_browser_page(base_url=site)
    page = browser_page.page
    page.add_init_script(RECORD_VIOLATIONS)
    article = Article.objects.order_by("pk").first()
    for path in [*PUBLIC_PAGES, article.get_absolute_url()]:
        response = page.goto(path)
        policy = response.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "style-src 'self'" in policy
        if "indicator=volunteer-teams" in path and "per=" not in path:
            page.wait_for_function("document.querySelector('#compare-chart').dataset.chartReady")
        assert violations(page) == [], path
    assert page.locator("link[rel=icon]").get_attribute("href").startswith("/static/")
    # the 400 and 404 pages are asked for on purpose; nothing else may go wrong
    expected = ("status of 400 (Bad Request)", "status of 404 (Not Found)")
    assert [p for p in browser_page.problems if not p.endswith(expected)] == []


def test_the_admin_satisfies_the_content_security_policy(site, new_browser_page):  # noqa: F811
    StaffUserFactory(username="editor")
    browser_page = new_browser_page(base_url=site)
    page = browser_page.page
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto("/admin/login/?next=/admin/")
    assert violations(page) == []
    page.fill("#id_username", "editor")
    page.fill("#id_password", "pw")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    article = Article.objects.order_by("pk").first()
    for path in [
        "/admin/",
        "/admin/articles/article/",
        "/admin/articles/article/?q=旺苍&published__year=2024",
        f"/admin/articles/article/{article.pk}/change/",
        "/admin/articles/metric/?status__exact=extracted",
        "/admin/articles/region/?q=" + "+".join(["旺苍"] * 50),
    ]:
        response = page.goto(path)
        assert response.status == 200, path
        assert violations(page) == [], path
    # the autocomplete widget opens and searches under the policy too
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    page.click("#select2-id_region-container")
    page.keyboard.type("旺苍")
    page.wait_for_selector(".select2-results__option >> text=旺苍县")
    assert violations(page) == []
    browser_page.assert_clean()
