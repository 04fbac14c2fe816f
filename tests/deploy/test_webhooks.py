"""The deployed webhook delivery (issue 13): the table's stream -> the fan-out -> the attempts queue
-> the dispatcher, the KMS key of the signing secrets, and who may do what with them."""

from __future__ import annotations

import json

import pytest

from deploy.parts.webhooks import ENCRYPTION_CONTEXT_KEYS, EVENT_ITEM_TYPE, WEBHOOK_ACCESS
from shared import events
from shared.routes import LAMBDAS, WEBHOOK_DISPATCHER_MODULE, WEBHOOK_FANOUT_MODULE
from shared.settings import Settings
from shared.table_schema import GLOBAL_SECONDARY_INDEXES

from .conftest import Synthesized
from .template_helpers import as_list, function_by_module, of_type, our_functions, role_of, role_statements

pytestmark = [pytest.mark.deploy, pytest.mark.xdist_group("deploy")]

ENDPOINTS_MODULE = "functions.webhook_endpoints.handler"


def logical_id(resources: dict, resource_type: str, prefix: str) -> str:
    (found,) = [name for name in of_type(resources, resource_type) if name.startswith(prefix)]
    return found


def queues(synthesized: Synthesized) -> tuple[str, str, str]:
    """(attempts queue, its dead-letter queue, the fan-out's on-failure queue) logical ids."""
    resources = synthesized.resources
    return (
        logical_id(resources, "AWS::SQS::Queue", "WebhookAttemptsQueue"),
        logical_id(resources, "AWS::SQS::Queue", "WebhookAttemptsDlq"),
        logical_id(resources, "AWS::SQS::Queue", "WebhookFanoutDlq"),
    )


def mapping_of(resources: dict, function_id: str) -> dict:
    (found,) = [
        res["Properties"]
        for res in of_type(resources, "AWS::Lambda::EventSourceMapping").values()
        if res["Properties"]["FunctionName"] == {"Ref": function_id}
    ]
    return found


def statements_of(resources: dict, function_id: str) -> list[dict]:
    return role_statements(resources, role_of(resources, function_id))


def granted(resources: dict, function_id: str, action: str) -> list:
    """The resources `function_id`'s role may use `action` on."""
    return [
        resource
        for statement in statements_of(resources, function_id)
        if action in as_list(statement["Action"])
        for resource in as_list(statement["Resource"])
    ]


# --- the stream and the fan-out --------------------------------------------------------------------


def test_only_new_event_items_of_the_tables_stream_invoke_the_fan_out(synthesized):
    resources = synthesized.resources
    table = next(iter(of_type(resources, "AWS::DynamoDB::Table")))
    fanout = function_by_module(resources)[WEBHOOK_FANOUT_MODULE]
    mapping = mapping_of(resources, fanout)
    assert mapping["EventSourceArn"] == {"Fn::GetAtt": [table, "StreamArn"]}
    (pattern,) = [json.loads(f["Pattern"]) for f in mapping["FilterCriteria"]["Filters"]]
    assert pattern == {"eventName": ["INSERT"], "dynamodb": {"NewImage": {"item_type": {"S": ["event"]}}}}
    assert EVENT_ITEM_TYPE == events.ITEM_TYPE  # what shared/events.py writes and fanout.py reads
    assert mapping["StartingPosition"] == "TRIM_HORIZON"  # nothing the stream still holds is skipped


def test_a_failing_stream_batch_is_split_retried_a_bounded_number_of_times_then_recorded(synthesized):
    resources = synthesized.resources
    fanout = function_by_module(resources)[WEBHOOK_FANOUT_MODULE]
    mapping = mapping_of(resources, fanout)
    _, _, on_failure = queues(synthesized)
    assert mapping["BisectBatchOnFunctionError"] is True
    assert 1 <= mapping["MaximumRetryAttempts"] <= 20
    assert mapping["DestinationConfig"] == {"OnFailure": {"Destination": {"Fn::GetAtt": [on_failure, "Arn"]}}}
    assert granted(resources, fanout, "sqs:SendMessage") == [
        {"Fn::GetAtt": [queues(synthesized)[0], "Arn"]},
        {"Fn::GetAtt": [on_failure, "Arn"]},
    ]


def test_the_fan_out_reads_this_tables_stream_and_queries_the_table_only(synthesized):
    resources = synthesized.resources
    table = next(iter(of_type(resources, "AWS::DynamoDB::Table")))
    fanout = function_by_module(resources)[WEBHOOK_FANOUT_MODULE]
    stream = {"Fn::GetAtt": [table, "StreamArn"]}
    for action in (
        "dynamodb:DescribeStream",
        "dynamodb:GetRecords",
        "dynamodb:GetShardIterator",
        "dynamodb:ListStreams",
    ):
        assert granted(resources, fanout, action) == [stream], action  # not "*" (CDK's DynamoEventSource)
    table_actions = {
        a for s in statements_of(resources, fanout) for a in as_list(s["Action"]) if s.get("Sid") == "Table"
    }
    assert table_actions == {"dynamodb:Query"}
    assert granted(resources, fanout, "dynamodb:Query") == [{"Fn::GetAtt": [table, "Arn"]}]


# --- the queue and the dispatcher ------------------------------------------------------------------


def test_attempts_queue_has_a_dead_letter_queue_and_outlasts_six_dispatcher_timeouts(synthesized):
    resources = synthesized.resources
    queue, dlq, on_failure = queues(synthesized)
    dispatcher = our_functions(resources)[function_by_module(resources)[WEBHOOK_DISPATCHER_MODULE]]
    props = resources[queue]["Properties"]
    assert props["RedrivePolicy"] == {"deadLetterTargetArn": {"Fn::GetAtt": [dlq, "Arn"]}, "maxReceiveCount": 5}
    assert props["VisibilityTimeout"] >= 6 * dispatcher["Timeout"]
    for name in (queue, dlq, on_failure):
        assert resources[name]["Properties"]["KmsMasterKeyId"] == "alias/aws/sqs", name
        assert resources[name]["Properties"]["MessageRetentionPeriod"] == 14 * 86400, name
        (policy,) = [
            p["Properties"]
            for p in of_type(resources, "AWS::SQS::QueuePolicy").values()
            if p["Properties"]["Queues"] == [{"Ref": name}]
        ]
        (deny,) = policy["PolicyDocument"]["Statement"]
        assert deny["Effect"] == "Deny" and deny["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}, name


def test_each_attempt_is_its_own_dispatcher_invocation_with_partial_batch_failures(synthesized):
    resources = synthesized.resources
    queue, _, _ = queues(synthesized)
    dispatcher = function_by_module(resources)[WEBHOOK_DISPATCHER_MODULE]
    mapping = mapping_of(resources, dispatcher)
    assert mapping["EventSourceArn"] == {"Fn::GetAtt": [queue, "Arn"]}
    assert mapping["BatchSize"] == 1  # a slow receiver delays only its own attempt
    assert mapping["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    reserved = our_functions(resources)[dispatcher]["ReservedConcurrentExecutions"]
    assert mapping["ScalingConfig"] == {"MaximumConcurrency": reserved}  # no throttled receives
    for action in ("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:SendMessage"):
        assert granted(resources, dispatcher, action) == [{"Fn::GetAtt": [queue, "Arn"]}], action


def test_dispatcher_settings_the_deployed_stage_must_have(synthesized):
    resources = synthesized.resources
    functions = our_functions(resources)
    dispatcher = functions[function_by_module(resources)[WEBHOOK_DISPATCHER_MODULE]]
    variables = dispatcher["Environment"]["Variables"]
    assert variables["WEBHOOK_TIMEOUT_SECONDS"] == "15" and dispatcher["Timeout"] == 30
    assert "WEBHOOK_ALLOW_LOOPBACK" not in variables  # refuses loopback and private receivers
    assert "WEBHOOK_RETRY_SCHEDULE" not in variables  # the Standard Webhooks schedule
    assert "VpcConfig" not in dispatcher  # it must reach the internet
    # What the code makes of them (CloudFormation references stand in as placeholders).
    settings = Settings.model_validate(
        {k: v if isinstance(v, str) else "resolved-at-deploy" for k, v in variables.items()}
    )
    assert settings.webhook_allow_loopback is False and settings.webhook_timeout_seconds == 15
    assert variables["POWERTOOLS_LOG_LEVEL"] in ("DEBUG", "INFO")  # the failure-rate filter reads INFO lines
    # One slow receiver holds at most a fifth of the dispatcher's invocations (one, when it has fewer).
    slots, reserved = settings.webhook_max_in_flight_per_endpoint, dispatcher["ReservedConcurrentExecutions"]
    assert 1 <= slots <= max(1, reserved // 5)


def test_dispatcher_table_actions_are_what_a_delivery_does(synthesized):
    from .codescan import access_of

    resources = synthesized.resources
    table = next(iter(of_type(resources, "AWS::DynamoDB::Table")))
    dispatcher = function_by_module(resources)[WEBHOOK_DISPATCHER_MODULE]
    (statement,) = [s for s in statements_of(resources, dispatcher) if s.get("Sid") == "Table"]
    actions = set(as_list(statement["Action"]))
    # Reads endpoint, event and state items and the endpoint's slots (BatchGetItem); claims a slot
    # (Put) and gives it back (Update); a transaction of an Update and a Put; updates on the endpoint
    # (records.modify when it disables one: GetItem + Update). No Query, no Delete, no index.
    assert actions == {"dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"}
    assert as_list(statement["Resource"]) == [{"Fn::GetAtt": [table, "Arn"]}]
    # Within what its code can reach (an upper bound: store.write also dispatches a single Delete,
    # and `spec.hooks.on_write` leads to every hook's on_write).
    reached = access_of(WEBHOOK_DISPATCHER_MODULE, frozenset(GLOBAL_SECONDARY_INDEXES))
    assert actions <= reached.actions and not reached.indexes


# --- the key and who may use it, the queue and who may send ------------------------------------------


def test_the_signing_secrets_key_rotates_and_stays_in_prod(synthesized):
    ((key_id, key),) = of_type(synthesized.resources, "AWS::KMS::Key").items()
    assert key["Properties"]["EnableKeyRotation"] is True
    assert key["DeletionPolicy"] == ("Retain" if synthesized.stage == "prod" else "Delete")
    assert key_id.startswith("WebhookSecretsKey")


def test_only_webhook_endpoints_may_encrypt_and_only_the_dispatcher_decrypt_bound_to_tenant_and_endpoint(
    synthesized,
):
    resources = synthesized.resources
    key = next(iter(of_type(resources, "AWS::KMS::Key")))
    by_module = function_by_module(resources)
    uses = {}
    for name in our_functions(resources):
        for statement in statements_of(resources, name):
            kms = [a for a in as_list(statement["Action"]) if a.startswith("kms:")]
            if not kms:
                continue
            assert as_list(statement["Resource"]) == [{"Fn::GetAtt": [key, "Arn"]}], name
            assert statement["Condition"] == {
                "ForAllValues:StringEquals": {"kms:EncryptionContextKeys": list(ENCRYPTION_CONTEXT_KEYS)},
                "Null": {"kms:EncryptionContextKeys": "false"},
            }
            uses.setdefault(name, set()).update(kms)
    assert uses == {by_module[ENDPOINTS_MODULE]: {"kms:Encrypt"}, by_module[WEBHOOK_DISPATCHER_MODULE]: {"kms:Decrypt"}}
    # The context shared/webhooks/secrets.py sends.
    from shared.webhooks import secrets

    assert tuple(secrets._context("t", "e")) == ENCRYPTION_CONTEXT_KEYS


def test_key_and_queue_grants_are_what_each_functions_code_does(synthesized):
    """Against tests/deploy/codescan.py: kms:Decrypt and sqs:SendMessage exactly where the code
    reaches them; kms:Encrypt (which the scan over-reaches through every hook's on_write) only where
    the code reaches it."""
    from .codescan import access_of

    resources = synthesized.resources
    queue, _, _ = queues(synthesized)
    by_module = function_by_module(resources)
    schema = frozenset(GLOBAL_SECONDARY_INDEXES)
    for module, function_id in by_module.items():
        reached = access_of(module, schema).actions
        sends = {"Fn::GetAtt": [queue, "Arn"]} in granted(resources, function_id, "sqs:SendMessage")
        assert sends is ("sqs:SendMessage" in reached), module
        assert bool(granted(resources, function_id, "kms:Decrypt")) is ("kms:Decrypt" in reached), module
        if granted(resources, function_id, "kms:Encrypt"):
            assert "kms:Encrypt" in reached, module


def test_functions_that_use_the_key_or_queue_get_their_settings(synthesized):
    resources = synthesized.resources
    functions = our_functions(resources)
    by_module = function_by_module(resources)
    key = next(iter(of_type(resources, "AWS::KMS::Key")))
    queue, _, _ = queues(synthesized)
    expected = {
        ENDPOINTS_MODULE: {"WEBHOOK_KMS_KEY_ID", "WEBHOOK_QUEUE_URL"},
        WEBHOOK_FANOUT_MODULE: {"WEBHOOK_QUEUE_URL"},
        WEBHOOK_DISPATCHER_MODULE: {"WEBHOOK_KMS_KEY_ID", "WEBHOOK_QUEUE_URL"},
    }
    assert {f.module for f in LAMBDAS if f.name in WEBHOOK_ACCESS} == {ENDPOINTS_MODULE}
    for module, function_id in by_module.items():
        variables = functions[function_id]["Environment"]["Variables"]
        tuning = {"WEBHOOK_TIMEOUT_SECONDS", "WEBHOOK_MAX_IN_FLIGHT_PER_ENDPOINT"}  # the dispatcher's own
        assert {v for v in variables if v.startswith("WEBHOOK_") and v not in tuning} == expected.get(module, set()), (
            module
        )
        if "WEBHOOK_KMS_KEY_ID" in variables:
            assert variables["WEBHOOK_KMS_KEY_ID"] == {"Fn::GetAtt": [key, "Arn"]}
        if "WEBHOOK_QUEUE_URL" in variables:
            assert variables["WEBHOOK_QUEUE_URL"] == {"Ref": queue}


def test_the_event_feed_only_queries_the_table(synthesized):
    resources = synthesized.resources
    feed = function_by_module(resources)["functions.events.handler"]
    (statement,) = [s for s in statements_of(resources, feed) if s.get("Sid") == "Table"]
    assert as_list(statement["Action"]) == ["dynamodb:Query"]
