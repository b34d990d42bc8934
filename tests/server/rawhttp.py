"""HTTP/1.1 by hand over a socket, for what a well-behaved client library will not do: send headers
that promise a huge body and then wait, or cut a body off halfway."""

from __future__ import annotations

import json
import socket
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit


@dataclass
class RawResponse:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


def send(
    base_url: str,
    method: str,
    path: str,
    headers: dict[str, str],
    body: bytes = b"",
    *,
    cut: bool = False,
    timeout: float = 5.0,
) -> RawResponse | None:
    """Send a request; with `cut`, close the connection after the bytes given (no answer read)."""
    parts = urlsplit(base_url)
    sock = socket.create_connection((parts.hostname, parts.port), timeout=timeout)
    try:
        head = [f"{method} {path} HTTP/1.1", f"Host: {parts.hostname}:{parts.port}", "Connection: close"]
        head += [f"{k}: {v}" for k, v in headers.items()]
        sock.sendall(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body)
        if cut:
            return None
        data = b""
        while True:
            try:
                piece = sock.recv(65536)
            except ConnectionResetError:
                break
            if not piece:
                break
            data += piece
            if b"\r\n\r\n" in data:
                header_blob, _, rest = data.partition(b"\r\n\r\n")
                lines = header_blob.decode("latin-1").split("\r\n")
                fields = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
                length = int(fields.get("content-length", "-1"))
                if length >= 0 and len(rest) >= length:
                    break
        header_blob, _, rest = data.partition(b"\r\n\r\n")
        lines = header_blob.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        fields = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
        return RawResponse(status=status, headers=fields, body=rest)
    finally:
        sock.close()
