"""A faster reading of DynamoDB's item answers for botocore.

botocore parses a JSON-protocol answer by walking its output shape: for a Query page that is every
attribute of every item, 12-24 ms of CPU for 100 exams on the development machine, where
`json.loads` of the same body takes 2-3 ms (docs/performance.md). For the item operations below, the
walk changes nothing but binary values (`B`, `BS`: base64 text it decodes to bytes), so a successful
answer without any is handed back as `json.loads` made it. Everything else — other operations,
answers that might hold binary values, errors — goes through botocore's own parsing unchanged.
"""

from __future__ import annotations

import re
from typing import Any

from botocore.parsers import JSONParser, ResponseParserFactory

# Output shapes whose JSON already is what botocore builds, binary values apart.
ITEM_OUTPUTS = frozenset(
    {
        "GetItemOutput",
        "QueryOutput",
        "ScanOutput",
        "BatchGetItemOutput",
        "TransactGetItemsOutput",
        "PutItemOutput",
        "UpdateItemOutput",
        "DeleteItemOutput",
        "BatchWriteItemOutput",
        "TransactWriteItemsOutput",
    }
)
# A binary attribute value's key (`"B":` or `"BS":`); a map key that happens to read "B" only costs
# the slow path.
_MAY_HOLD_BINARY = re.compile(rb'"BS?"\s*:')


# botocore ships no type hints, so its classes are Any to mypy, which refuses subclassing Any.
class DynamoDBJSONParser(JSONParser):  # type: ignore[misc]
    def _do_parse(self, response: dict[str, Any], shape: Any) -> dict[str, Any]:
        body = response["body"]
        if shape is None or shape.name not in ITEM_OUTPUTS or _MAY_HOLD_BINARY.search(body):
            walked: dict[str, Any] = super()._do_parse(response, shape)
            return walked
        parsed: dict[str, Any] = self._parse_body_as_json(body)
        self._inject_response_metadata(parsed, response["headers"])
        return parsed


class DynamoDBParserFactory(ResponseParserFactory):  # type: ignore[misc]  # botocore is untyped, as above
    """botocore's factory, with the JSON protocol's parser replaced (DynamoDB speaks JSON)."""

    def create_parser(self, protocol_name: str) -> Any:
        if protocol_name == "json":
            return DynamoDBJSONParser(**self._defaults)
        return super().create_parser(protocol_name)
