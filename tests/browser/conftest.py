"""Every browser test fails on a Content-Security-Policy (or Permissions-Policy) violation.

Each context a test opens, through pytest-playwright's `page` or `browser.new_context()`,
reports to a list: the page's `securitypolicyviolation` events, and what Chromium writes
to the console when it refuses something. The list must be empty when the test ends.
"""

import pytest

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


@pytest.fixture(autouse=True)
def policy_violations(browser, monkeypatch):
    """What the pages of this test's browser contexts refused; asserted empty at the end."""
    found = []
    open_context = browser.new_context

    def new_context(*args, **kwargs):
        context = open_context(*args, **kwargs)
        context.add_init_script(LISTEN)
        context.on(
            "console",
            lambda message: (
                found.append(f"{message.text} [{message.page and message.page.url}]")
                if is_violation(message)
                else None
            ),
        )
        return context

    monkeypatch.setattr(browser, "new_context", new_context)
    yield found
    assert found == [], "Policy violations in the browser:\n" + "\n".join(found)
