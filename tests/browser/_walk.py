"""What a person does on every walk: sign in, open the account menu, sign out.

The header (mentora/templates/includes/nav.html) puts the main navigation and the "Sign out"
button in a "Menu" collapsible that is open on desktop and closed on narrow screens; the
account button ("<name>: your account") opens the account list (My profile, My data, Audit
log …). These helpers open whatever a person would have to open first at the current width.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from mentora.testing import PASSWORD

ACCOUNT_BUTTON = re.compile(r": your account")
# The walks load a dozen pages each on a shared, busy machine: allow slow answers, not wrong ones.
PATIENCE_MS = 30_000
expect.set_options(timeout=15_000)


def submit_sign_in(page, email: str, password: str = PASSWORD) -> None:
    """Fill in and send the sign-in form, whatever the answer (see `sign_in`)."""
    page.set_default_timeout(PATIENCE_MS)
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def sign_in(page, email: str, password: str = PASSWORD) -> None:
    """Sign in and wait until the signed-in header is there (at any width)."""
    submit_sign_in(page, email, password)
    expect(page.locator("#account-menu")).to_be_attached()


def open_site_menu(page) -> None:
    """On a narrow screen, open the "Menu" collapsible (navigation, account, sign out)."""
    menu = page.get_by_role("button", name="Menu", exact=True)
    if menu.is_visible() and menu.get_attribute("aria-expanded") != "true":
        menu.click()


def open_account_menu(page):
    """Open the account list ("<name>: your account") and give it back."""
    open_site_menu(page)
    button = page.get_by_role("button", name=ACCOUNT_BUTTON)
    if button.get_attribute("aria-expanded") != "true":
        button.click()
    menu = page.locator("#account-menu")
    expect(menu).to_be_visible()
    return menu


def sign_out(page) -> None:
    """Press "Sign out" (in the "Menu" collapsible on a narrow screen)."""
    open_site_menu(page)
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
