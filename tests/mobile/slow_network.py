"""A slow network in front of the real server: every answer is the server's own, some late,
some lost.

The server on this machine answers in milliseconds; a phone on a mobile network often waits a
second or more, or loses the connection.  This forwarder (a real HTTP server on a free port)
passes each request on to the server and holds back the answers to the paths matching ``slow``
for ``delay`` seconds, so that a test can hear what a screen says when its data comes late; and
while :meth:`SlowNetwork.drop` names paths, it closes their connections without an answer, so
that a test can see what a screen does when its data cannot come at all.
"""

from __future__ import annotations

import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import requests

#: Headers that belong to one connection, not to the answer (RFC 9110 7.6.1), and the ones
#: ``requests`` has already acted on (it decodes the body and knows its length).
NOT_FORWARDED = frozenset({"connection", "keep-alive", "proxy-connection", "te", "trailer",
                           "transfer-encoding", "upgrade", "host", "content-length",
                           "content-encoding"})
#: A pattern that matches no path.
NOTHING = r"(?!)"


class SlowNetwork:
    def __init__(self, upstream: str, slow: str = NOTHING, delay: float = 0.0) -> None:
        self.upstream = upstream
        self.slow = re.compile(slow)
        self.delay = delay
        #: "METHOD path" of every request held back (the test checks the delay was real).
        self.held: list[str] = []
        #: The paths whose requests are lost (see :meth:`drop`).
        self.lost = re.compile(NOTHING)
        #: "METHOD path" of every request dropped (the test checks the failure was real).
        self.dropped: list[str] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _forward(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                if outer.lost.search(self.path):
                    outer.dropped.append(f"{self.command} {self.path}")
                    # No answer at all: the client sees the connection closed, as when a
                    # phone loses its network mid-request.
                    self.close_connection = True
                    return
                if outer.slow.search(self.path):
                    outer.held.append(f"{self.command} {self.path}")
                    time.sleep(outer.delay)
                answer = requests.request(
                    self.command, outer.upstream + self.path, data=body, timeout=30,
                    allow_redirects=False,
                    headers={k: v for k, v in self.headers.items()
                             if k.lower() not in NOT_FORWARDED})
                self.send_response(answer.status_code)
                for name, value in answer.headers.items():
                    if name.lower() not in NOT_FORWARDED:
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(answer.content)))
                self.end_headers()
                self.wfile.write(answer.content)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _forward  # noqa: N815 http.server names

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def drop(self, paths: str = NOTHING) -> None:
        """From now on lose the requests to the paths matching ``paths`` (a pattern); without
        one, the network is whole again."""
        self.lost = re.compile(paths)

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
