"""A small HTTP client for the topology tests: cookies, and a chosen client address."""

import http.client
import re
from http.cookies import SimpleCookie
from urllib.parse import urlencode


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    def header(self, name, default=None):
        return self.headers.get(name, default)

    def __repr__(self):
        return f"<Response {self.status} {self.header('X-Upstream', '')}>"


class Client:
    """
    One visitor. `source` is the loopback address the connections come from:
    every 127.x.y.z reaches a server on 127.0.0.1, and nginx writes it into
    X-Forwarded-For, so each test can be a different client.
    """

    def __init__(self, port, source="127.0.0.1"):
        self.port = port
        self.source = source
        self.cookies = {}

    def request(self, method, path, body=None, headers=None, timeout=15):
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=timeout, source_address=(self.source, 0)
        )
        headers = {"Host": f"127.0.0.1:{self.port}", **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            connection.request(method, path, body=body, headers=headers)
            reply = connection.getresponse()
            data = reply.read()
        finally:
            connection.close()
        for value in reply.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(value).items():
                if morsel.value and morsel["max-age"] != "0":
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)
        return Response(reply.status, reply.headers, data)

    def get(self, path, headers=None):
        return self.request("GET", path, headers=headers)

    def post(self, path, data, headers=None):
        return self.request(
            "POST",
            path,
            body=urlencode(data),
            headers={"Content-Type": "application/x-www-form-urlencoded", **(headers or {})},
        )

    def rate(self, score=4, comment="", page="/en/"):
        """Send a rating as the widget's script does; the JSON answer comes back."""
        return self.post(
            "/en/feedback/",
            {"score": score, "comment": comment, "path": page},
            headers={"Accept": "application/json"},
        )

    def log_in(self, username, password):
        form = self.get("/en/admin/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
        response = self.post(
            "/en/admin/login/?next=/en/admin/",
            {"csrfmiddlewaretoken": token, "username": username, "password": password},
        )
        assert response.status == 302 and "sessionid" in self.cookies, response.text[:500]
        return response
