"""Open a generated page in headless Chromium with the network cut, and report on it.

Shared by the report tests: what a reader's browser does with the file, watched for
requests that leave the page and for console errors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest


@dataclass
class PageCheck:
    images: list[list[Any]] = field(default_factory=list)  # [complete, naturalWidth, alt]
    links: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    @property
    def outside_requests(self) -> list[str]:
        return [u for u in self.requests if not u.startswith(("file:", "data:"))]


def open_offline(chromium: Path, page_file: Path, screenshot: Path) -> PageCheck:
    sync_api = pytest.importorskip("playwright.sync_api")
    check = PageCheck()
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(chromium),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        try:
            page = browser.new_context(offline=True).new_page()
            page.on("request", lambda r: check.requests.append(r.url))
            page.on("console", lambda m: check.errors.append(m.text) if m.type == "error" else None)
            page.on("dialog", lambda d: (check.dialogs.append(d.message), d.dismiss()))
            page.goto(page_file.as_uri())
            check.images = page.eval_on_selector_all(
                "img", "els => els.map(e => [e.complete, e.naturalWidth, e.alt])"
            )
            check.links = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
            check.headings = page.eval_on_selector_all(
                "h1, h2, h3", "els => els.map(e => e.textContent.trim())"
            )
            page.screenshot(path=str(screenshot), full_page=True)
        finally:
            browser.close()
    return check
