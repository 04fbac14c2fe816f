"""The fast reading of DynamoDB answers gives exactly what botocore's own parser gives."""

from __future__ import annotations

import json

import botocore.session
import pytest
from botocore.parsers import JSONParser

from shared.dynamodb_parser import DynamoDBJSONParser, DynamoDBParserFactory

MODEL = botocore.session.get_session().get_service_model("dynamodb")
HEADERS = {"x-amzn-RequestId": "REQ123", "Content-Type": "application/x-amz-json-1.0", "x-amz-crc32": "1"}

ITEM = {
    "pk": {"S": "demo#exams"},
    "sk": {"S": "01J0000000000000000000000A"},
    "passing_score": {"N": "70.5"},
    "is_active": {"BOOL": True},
    "description": {"NULL": True},
    "domains": {"L": [{"M": {"code": {"S": "D1"}, "weight": {"N": "40"}}}]},
    "tags": {"SS": ["a", "b"]},
    "scores": {"NS": ["1", "2.5"]},
    "settings": {"M": {"Bee": {"S": "not binary"}, "nested": {"M": {}}}},
}
CAPACITY = {"TableName": "t", "CapacityUnits": 1.5, "Table": {"CapacityUnits": 1.0}, "GlobalSecondaryIndexes": {}}

ANSWERS = [
    ("Query", {"Items": [ITEM, ITEM], "Count": 2, "ScannedCount": 2, "LastEvaluatedKey": {"pk": ITEM["pk"]}}),
    ("Query", {"Items": [], "Count": 0, "ScannedCount": 0, "ConsumedCapacity": CAPACITY}),
    ("GetItem", {"Item": ITEM}),
    ("GetItem", {}),
    ("BatchGetItem", {"Responses": {"t": [ITEM]}, "UnprocessedKeys": {"t": {"Keys": [{"pk": ITEM["pk"]}]}}}),
    ("TransactWriteItems", {}),
    ("UpdateItem", {"Attributes": ITEM, "ConsumedCapacity": CAPACITY}),
    ("BatchWriteItem", {"UnprocessedItems": {"t": [{"PutRequest": {"Item": ITEM}}]}}),
    # binary values: botocore decodes them to bytes, so these take botocore's own path
    ("GetItem", {"Item": {**ITEM, "blob": {"B": "aGVsbG8="}, "blobs": {"BS": ["aGk=", "eW8="]}}}),
    # not an item operation: botocore's own path (timestamps become datetimes)
    ("DescribeTable", {"Table": {"TableName": "t", "CreationDateTime": 1.7e9, "ItemCount": 3}}),
]


def parse(parser, operation: str, answer: dict, status: int = 200) -> dict:
    response = {"body": json.dumps(answer).encode(), "headers": dict(HEADERS), "status_code": status}
    return parser.parse(response, MODEL.operation_model(operation).output_shape)


@pytest.mark.parametrize(("operation", "answer"), ANSWERS, ids=[f"{op}-{n}" for n, (op, _) in enumerate(ANSWERS)])
def test_the_fast_parser_gives_what_botocore_gives(operation, answer):
    expected = parse(JSONParser(), operation, answer)
    assert parse(DynamoDBJSONParser(), operation, answer) == expected


def test_binary_values_still_arrive_as_bytes():
    parsed = parse(DynamoDBJSONParser(), "GetItem", ANSWERS[-2][1])
    assert parsed["Item"]["blob"] == {"B": b"hello"} and parsed["Item"]["blobs"] == {"BS": [b"hi", b"yo"]}


def test_errors_are_botocore_errors():
    body = {
        "__type": "com.amazonaws.dynamodb.v20120810#TransactionCanceledException",
        "message": "Transaction cancelled",
        "CancellationReasons": [{"Code": "ConditionalCheckFailed", "Message": "The conditional request failed"}],
    }
    expected = parse(JSONParser(), "TransactWriteItems", body, status=400)
    parsed = parse(DynamoDBJSONParser(), "TransactWriteItems", body, status=400)
    assert parsed == expected and parsed["Error"]["Code"] == "TransactionCanceledException"


def test_the_store_client_reads_answers_with_it():
    from shared import store

    store.reset_client()
    factory = store.client()._endpoint._response_parser_factory
    assert isinstance(factory, DynamoDBParserFactory)
    assert isinstance(factory.create_parser("json"), DynamoDBJSONParser)
    assert type(factory.create_parser("rest-json")).__name__ == "RestJSONParser"
