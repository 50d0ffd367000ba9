"""The review queue fits a 390 px phone (a new-user pass found it 472 px wide: the
indicator select, sized by its longest option, did not shrink)."""

import pytest

from tests.test_browser import site  # noqa: F401  (the seeded live server)
from tests.test_browser_csp import RECORD_VIOLATIONS, violations
from tests.test_browser_review import log_in

pytestmark = pytest.mark.browser

WIDEST_JS = """() => [...document.querySelectorAll('body *')]
  .map(e => ({tag: e.tagName, id: e.id, cls: e.className, right: e.getBoundingClientRect().right}))
  .filter(e => e.right > window.innerWidth)
  .slice(0, 8)"""


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_the_review_queue_fits_a_phone_in_both_views(site, new_browser_page, lang):  # noqa: F811
    browser_page = new_browser_page(base_url=site, width=390, height=844)
    page = browser_page.page
    page.add_init_script(RECORD_VIOLATIONS)
    log_in(page)
    for view in ("", "&view=list"):
        browser_page.visit(f"/admin/articles/metric/review/?lang={lang}{view}", f"queue{view}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, page.evaluate(
            WIDEST_JS
        )
        select = page.locator(".review-filters select[name=indicator]")
        box = select.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert violations(page) == []
    browser_page.assert_clean()
