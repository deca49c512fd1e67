"""What every page needs besides its content: the site icon."""
from __future__ import annotations

import io
import re

from flask.testing import FlaskClient
from PIL import Image


def test_favicon_ico_is_served_as_an_image(client: FlaskClient) -> None:
    # Browsers ask for /favicon.ico on every site whatever the page links: no 404 in the log.
    with client.get("/favicon.ico") as response:
        assert response.status_code == 200
        assert response.mimetype in {"image/x-icon", "image/vnd.microsoft.icon"}
        data = response.data
    with Image.open(io.BytesIO(data)) as icon:
        assert icon.format == "ICO"
        assert {(16, 16), (32, 32)} <= icon.info["sizes"]


def test_every_page_links_its_icon(client: FlaskClient) -> None:
    for url in ("/", "/auth/login", "/auth/register"):
        html = client.get(url).get_data(as_text=True)
        links = re.findall(r'<link rel="icon"[^>]*href="([^"]+)"', html)
        assert links, f"{url} links no icon"
        for href in links:
            with client.get(href) as icon:
                assert icon.status_code == 200 and icon.mimetype.startswith("image/"), (href, icon.status_code)
