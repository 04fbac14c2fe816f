"""A minimal DynamoDB JSON client for DynamoDB Local: one POST per call on a kept-alive
connection, no SDK. The bench uses it to load data fast and to time DynamoDB Local's own answer
apart from botocore's work. DynamoDB Local accepts any credentials; nothing here signs requests."""

from __future__ import annotations

import http.client
import json
from typing import Any
from urllib.parse import urlsplit

AUTHORIZATION = (
    "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/dynamodb/aws4_request, "
    "SignedHeaders=host;x-amz-target, Signature=0"
)


class RawDynamo:
    def __init__(self, endpoint: str, timeout: float = 60.0):
        url = urlsplit(endpoint)
        if url.hostname != "127.0.0.1":
            raise ValueError("RawDynamo talks to DynamoDB Local on loopback only")
        self.connection = http.client.HTTPConnection(url.hostname, url.port, timeout=timeout)

    def call(self, operation: str, body: dict[str, Any]) -> dict[str, Any]:
        self.connection.request(
            "POST",
            "/",
            body=json.dumps(body).encode(),
            headers={
                "Content-Type": "application/x-amz-json-1.0",
                "X-Amz-Target": f"DynamoDB_20120810.{operation}",
                "Authorization": AUTHORIZATION,
            },
        )
        response = self.connection.getresponse()
        data = json.loads(response.read() or b"{}")
        if response.status != 200:
            raise RuntimeError(f"{operation}: {response.status} {data}")
        return data

    def close(self) -> None:
        self.connection.close()
