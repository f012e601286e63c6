"""Every browser test fails on a Content-Security-Policy (or Permissions-Policy) violation.

Each context a test opens, through pytest-playwright's `page` or `browser.new_context()`,
reports to a list: the page's `securitypolicyviolation` events, and what Chromium writes
to the console when it refuses something. The list must be empty when the test ends.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

MARK = "securitypolicyviolation:"
# Runs before any of the page's own scripts, in every document of the context.
LISTEN = f"""
document.addEventListener("securitypolicyviolation", (event) => {{
  console.error("{MARK} " + event.effectiveDirective + " blocked " +
    (event.blockedURI || "inline") + " in " + event.documentURI +
    (event.sample ? " (" + event.sample + ")" : ""));
}}, true);
"""
CONSOLE_SIGNS = (MARK, "Content Security Policy", "Content-Security-Policy", "Permissions-Policy")


def is_violation(message):
    return any(sign in message.text for sign in CONSOLE_SIGNS)


def run_axe(page, options):
    """axe-core's report on the page, not counting what axe itself makes the page refuse.

    To read a stylesheet's `@import` (the admin's forms.css), axe-core copies
    the text into a `<style>` element of its own, which the policy blocks.
    """
    page.context.policy_paused = True
    try:
        result = Axe().run(page, options=options)
        # Let the console messages of that run arrive while still paused.
        page.evaluate("() => new Promise((done) => setTimeout(done, 50))")
    finally:
        page.context.policy_paused = False
    return result


@pytest.fixture(autouse=True)
def policy_violations(browser, monkeypatch):
    """What the pages of this test's browser contexts refused; asserted empty at the end."""
    found = []
    open_context = browser.new_context

    def new_context(*args, **kwargs):
        context = open_context(*args, **kwargs)
        context.policy_paused = False
        context.add_init_script(LISTEN)

        def record(message):
            if is_violation(message) and not context.policy_paused:
                found.append(f"{message.text} [{message.page and message.page.url}]")

        context.on("console", record)
        return context

    monkeypatch.setattr(browser, "new_context", new_context)
    yield found
    assert found == [], "Policy violations in the browser:\n" + "\n".join(found)
