"""The one DynamoDB table's key schema, shared by the CDK stack and the local bootstrap."""

from typing import Any

PARTITION_KEY = "pk"
SORT_KEY = "sk"
TTL_ATTRIBUTE = "expires_at"
STREAM_VIEW_TYPE = "NEW_IMAGE"

# Secondary indexes, by name: (partition key, sort key). Overloaded: each resource that needs a
# lookup other than by id writes its own keys into them (see ResourceSpec.indexes).
#   gsi1: registrations by testing center and time (calendar); results by completion time
#   gsi2: registrations by candidate, newest first; results by the time of their last write (the feed)
GLOBAL_SECONDARY_INDEXES: dict[str, tuple[str, str]] = {
    "gsi1": ("_gsi1pk", "_gsi1sk"),
    "gsi2": ("_gsi2pk", "_gsi2sk"),
}


def create_table_request(table_name: str) -> dict[str, Any]:
    """Arguments for `CreateTable`, matching what the stack deploys (on-demand billing)."""
    attributes = {PARTITION_KEY, SORT_KEY}
    indexes = []
    for name, (pk, sk) in GLOBAL_SECONDARY_INDEXES.items():
        attributes.update((pk, sk))
        indexes.append(
            {
                "IndexName": name,
                "KeySchema": [{"AttributeName": pk, "KeyType": "HASH"}, {"AttributeName": sk, "KeyType": "RANGE"}],
                "Projection": {"ProjectionType": "ALL"},
            }
        )
    request = {
        "TableName": table_name,
        "BillingMode": "PAY_PER_REQUEST",
        "AttributeDefinitions": [{"AttributeName": a, "AttributeType": "S"} for a in sorted(attributes)],
        "KeySchema": [
            {"AttributeName": PARTITION_KEY, "KeyType": "HASH"},
            {"AttributeName": SORT_KEY, "KeyType": "RANGE"},
        ],
        # New event items reach the webhook fan-out through the stream (shared/webhooks/fanout.py).
        "StreamSpecification": {"StreamEnabled": True, "StreamViewType": STREAM_VIEW_TYPE},
    }
    if indexes:
        request["GlobalSecondaryIndexes"] = indexes
    return request
