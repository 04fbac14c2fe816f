"""Alarms and the dashboard (a nested stack of the main one): what is watched, with which metric and
threshold, and who is told."""

from __future__ import annotations

import json
import re
from pathlib import Path

import aws_cdk as cdk
import pytest
from aws_cdk import aws_sns as sns
from aws_cdk import aws_sqs as sqs
from aws_cdk.assertions import Template

from deploy.parts.monitoring import Monitoring, alarm_id
from shared.routes import (
    AUTHORIZER_MODULE,
    BULK_WORKER_MODULE,
    LAMBDAS,
    WEBHOOK_DISPATCHER_MODULE,
    WEBHOOK_FANOUT_MODULE,
)
from shared.table_schema import GLOBAL_SECONDARY_INDEXES

from .conftest import PROD_CONTEXT, Synthesized
from .template_helpers import alarms, function_by_module, mentions, of_type

pytestmark = [pytest.mark.deploy, pytest.mark.xdist_group("deploy")]


def topic_of(synthesized: Synthesized):
    """What alarm actions must point at: the stack's topic (Ref), or the configured ARN."""
    topics = of_type(synthesized.resources, "AWS::SNS::Topic")
    if synthesized.stage == "prod":  # synthesized with an existing topic (PROD_CONTEXT)
        assert not topics
        return PROD_CONTEXT["alarmTopicArn"]
    assert len(topics) == 1
    return {"Ref": next(iter(topics))}


def test_alarms_and_dashboard_live_in_a_nested_stack_of_their_own(synthesized):
    assert not of_type(synthesized.resources, "AWS::CloudWatch::Alarm")
    assert not of_type(synthesized.resources, "AWS::CloudWatch::Dashboard")
    assert len(alarms(synthesized.monitoring)) > len(LAMBDAS) * 2


def test_every_alarm_notifies_the_topic_on_alarm_and_on_recovery(all_templates):
    for synthesized in all_templates:
        topic = topic_of(synthesized)
        found = alarms(synthesized.monitoring)
        assert found
        for name, props in found.items():
            assert props["AlarmActions"] == [topic], name
            assert props["OKActions"] == [topic], name
            assert props["AlarmName"].startswith(f"{synthesized.name}-"), name
            assert len(props["AlarmDescription"]) > 30, name
        outputs = synthesized.template["Outputs"]
        assert outputs["AlarmTopicArn"]["Value"] == topic


def test_a_topic_is_created_when_none_is_given_and_requires_tls(dev):
    topic = next(iter(of_type(dev.resources, "AWS::SNS::Topic")))
    policy = next(iter(of_type(dev.resources, "AWS::SNS::TopicPolicy").values()))["Properties"]
    assert policy["Topics"] == [{"Ref": topic}]
    deny = policy["PolicyDocument"]["Statement"][0]
    assert deny["Effect"] == "Deny" and deny["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}


def test_api_5xx_rate_alarm(synthesized):
    props = alarms(synthesized.monitoring)[f"{synthesized.name}-api-5xx-rate"]
    assert props["Threshold"] == 1 and props["ComparisonOperator"] == "GreaterThanThreshold"
    expression = next(m for m in props["Metrics"] if "Expression" in m)
    assert expression["Expression"] == "IF(requests > 0, 100 * errors / requests, 0)"
    by_id = {m["Id"]: m["MetricStat"]["Metric"] for m in props["Metrics"] if "MetricStat" in m}
    assert by_id["errors"]["MetricName"] == "5XXError" and by_id["requests"]["MetricName"] == "Count"
    for metric in by_id.values():
        assert metric["Namespace"] == "AWS/ApiGateway"
        dimensions = {d["Name"]: d["Value"] for d in metric["Dimensions"]}
        assert dimensions == {"ApiName": f"exam-registration-{synthesized.stage}", "Stage": synthesized.stage}


def test_api_4xx_spike_alarm_uses_an_anomaly_band(synthesized):
    props = alarms(synthesized.monitoring)[f"{synthesized.name}-api-4xx-spike"]
    assert props["ComparisonOperator"] == "GreaterThanUpperThreshold"
    band = next(m for m in props["Metrics"] if m["Id"] == props["ThresholdMetricId"])
    assert re.fullmatch(r"ANOMALY_DETECTION_BAND\(\w+,\s*3\)", band["Expression"])
    metric = next(m for m in props["Metrics"] if "MetricStat" in m)["MetricStat"]["Metric"]
    assert metric["MetricName"] == "4XXError"


def test_p99_latency_alarm_for_every_route(synthesized):
    found = alarms(synthesized.monitoring)
    routes = [route for function in LAMBDAS for route in function.routes]
    latency = {name: props for name, props in found.items() if props.get("MetricName") == "Latency"}
    assert len(latency) == len(routes)
    for route in routes:
        props = found[f"{synthesized.name}-p99-{route.method}-{route.path}"]
        assert props["ExtendedStatistic"] == "p99" and props["Namespace"] == "AWS/ApiGateway"
        assert props["Threshold"] == 3000 and props["Period"] == 300
        assert {d["Name"]: d["Value"] for d in props["Dimensions"]} == {
            "ApiName": f"exam-registration-{synthesized.stage}",
            "Stage": synthesized.stage,
            "Resource": route.path,
            "Method": route.method,
        }


def test_errors_and_throttles_alarms_for_every_function(synthesized):
    found = alarms(synthesized.monitoring)
    by_module = function_by_module(synthesized.resources)
    watched = {
        "authorizer": by_module[AUTHORIZER_MODULE],
        "bulkLoader": by_module[BULK_WORKER_MODULE],
        "webhookFanout": by_module[WEBHOOK_FANOUT_MODULE],
        "webhookDispatcher": by_module[WEBHOOK_DISPATCHER_MODULE],
    } | {f.name: by_module[f.module] for f in LAMBDAS}
    for name, function_id in watched.items():
        for suffix, metric in (("errors", "Errors"), ("throttles", "Throttles")):
            props = found[f"{synthesized.name}-{name}-{suffix}"]
            assert props["Namespace"] == "AWS/Lambda" and props["MetricName"] == metric
            assert props["Statistic"] == "Sum" and props["Threshold"] == 1
            assert props["ComparisonOperator"] == "GreaterThanOrEqualToThreshold"
            assert mentions(props["Dimensions"], function_id)


def test_the_bulk_workers_dead_letter_queue_alarms_on_any_message(synthesized):
    props = alarms(synthesized.monitoring)[f"{synthesized.name}-BulkLoaderDlq-depth"]
    assert props["Namespace"] == "AWS/SQS" and props["MetricName"] == "ApproximateNumberOfMessagesVisible"
    assert props["Statistic"] == "Maximum" and props["Threshold"] == 1
    assert props["ComparisonOperator"] == "GreaterThanOrEqualToThreshold"
    assert [d["Name"] for d in props["Dimensions"]] == ["QueueName"]


@pytest.mark.parametrize(
    ("alarm", "queue"), [("WebhookAttemptsDlq", "WebhookAttemptsDlq"), ("WebhookFanoutDlq", "WebhookFanoutDlq")]
)
def test_the_webhook_dead_letter_queues_alarm_on_any_message(synthesized, alarm, queue):
    props = alarms(synthesized.monitoring)[f"{synthesized.name}-{alarm}-depth"]
    assert props["Namespace"] == "AWS/SQS" and props["MetricName"] == "ApproximateNumberOfMessagesVisible"
    assert props["Statistic"] == "Maximum" and props["Threshold"] == 1
    assert props["ComparisonOperator"] == "GreaterThanOrEqualToThreshold"
    ((dimension,),) = [props["Dimensions"]]
    (queue_id,) = [n for n in of_type(synthesized.resources, "AWS::SQS::Queue") if n.startswith(queue)]
    assert dimension["Name"] == "QueueName" and mentions(dimension["Value"], queue_id)


def test_webhook_failure_rate_alarm_counts_the_dispatchers_attempt_log_lines(synthesized):
    """Two metric filters on the dispatcher's log group (every attempt line, the failed ones) and
    their ratio; the lines are the ones shared/webhooks/delivery.py logs."""
    monitoring = synthesized.monitoring
    props = alarms(monitoring)[f"{synthesized.name}-webhook-failure-rate"]
    assert props["ComparisonOperator"] == "GreaterThanThreshold" and props["Threshold"] == 50
    assert props["EvaluationPeriods"] == 3 and props["DatapointsToAlarm"] == 2
    (expression,) = [m["Expression"] for m in props["Metrics"] if "Expression" in m]
    assert expression == "IF(attempts >= 20, 100 * FILL(failed, 0) / attempts, 0)"
    by_id = {m["Id"]: m["MetricStat"]["Metric"] for m in props["Metrics"] if "MetricStat" in m}
    filters = {
        f["Properties"]["MetricTransformations"][0]["MetricName"]: f["Properties"]
        for f in of_type(monitoring, "AWS::Logs::MetricFilter").values()
    }
    assert {by_id["attempts"]["MetricName"], by_id["failed"]["MetricName"]} == set(filters)
    for metric in by_id.values():
        transformation = filters[metric["MetricName"]]["MetricTransformations"][0]
        assert metric["Namespace"] == transformation["MetricNamespace"] == f"{synthesized.name}/Webhooks"
        assert transformation["MetricValue"] == "1"
    dispatcher = function_by_module(synthesized.resources)[WEBHOOK_DISPATCHER_MODULE]
    log_group = synthesized.resources[dispatcher]["Properties"]["LoggingConfig"]["LogGroup"]["Ref"]
    for props in filters.values():
        assert mentions(props["LogGroupName"], log_group)
    assert filters["DeliveryAttempts"]["FilterPattern"] == '{ $.message = "webhook attempt" }'
    assert filters["DeliveryAttemptsFailed"]["FilterPattern"] == (
        '{ ($.message = "webhook attempt") && (($.status = "pending") || ($.status = "failed")) }'
    )


def test_the_failure_rate_filters_match_what_the_dispatcher_logs():
    """delivery.py logs each attempt with Powertools (`extra` fields land at the top of the JSON
    line, where the filters' `$.message` and `$.status` look)."""
    import io
    import logging

    from aws_lambda_powertools import Logger

    from deploy.parts import monitoring
    from shared.webhooks import delivery

    source = Path(delivery.__file__).read_text()
    assert f'logger.info("{monitoring.WEBHOOK_ATTEMPT_MESSAGE}", extra={{' in source
    assert '"status": status}' in source
    buffer = io.StringIO()
    logger = Logger(service="filter-probe", level="INFO", logger_handler=logging.StreamHandler(buffer))
    seen = {}
    for status in ("succeeded", "pending", "failed"):
        logger.info(monitoring.WEBHOOK_ATTEMPT_MESSAGE, extra={"endpoint_id": "e", "event_id": "v", "status": status})
        line = json.loads(buffer.getvalue().strip().splitlines()[-1])
        assert line["message"] == monitoring.WEBHOOK_ATTEMPT_MESSAGE
        seen[status] = line["status"] in monitoring.WEBHOOK_FAILED_STATUSES
    assert seen == {"succeeded": False, "pending": True, "failed": True}


def test_dynamodb_throttle_alarms_for_the_table_and_each_index(synthesized):
    found = alarms(synthesized.monitoring)
    table = next(iter(of_type(synthesized.resources, "AWS::DynamoDB::Table")))
    for index in (None, *GLOBAL_SECONDARY_INDEXES):
        props = found[f"{synthesized.name}-dynamodb-{index or 'table'}-throttles"]
        metrics = [m["MetricStat"]["Metric"] for m in props["Metrics"] if "MetricStat" in m]
        assert {m["MetricName"] for m in metrics} == {"ReadThrottleEvents", "WriteThrottleEvents"}
        for metric in metrics:
            dimensions = {d["Name"]: d["Value"] for d in metric["Dimensions"]}
            assert dimensions["TableName"] == {"Ref": table}
            assert dimensions.get("GlobalSecondaryIndexName") == index


def test_dashboard_shows_the_api_every_function_the_table_and_all_alarms(synthesized):
    dashboards = list(of_type(synthesized.monitoring, "AWS::CloudWatch::Dashboard").values())
    assert len(dashboards) == 1
    body = json.dumps(dashboards[0]["Properties"]["DashboardBody"])
    assert dashboards[0]["Properties"]["DashboardName"] == synthesized.name
    for function_id in function_by_module(synthesized.resources).values():
        assert function_id in body
    assert "p99 latency per route" in body and "DynamoDB throttle events" in body
    assert '\\"type\\":\\"alarm\\"' in body  # the alarm status grid
    for alarm_logical_id in of_type(synthesized.monitoring, "AWS::CloudWatch::Alarm"):
        assert alarm_logical_id in body, alarm_logical_id


# --- the queue-depth helper --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def monitoring_stack():
    stack = cdk.Stack(cdk.App(builtin_cloud_formation_validation=False), "Watch")
    topic = sns.Topic(stack, "Topic")
    monitoring = Monitoring(stack, "Monitoring", topic=topic, name_prefix="Watch")
    queue = sqs.Queue(stack, "Dlq")
    monitoring.watch_queue_depth("BulkLoaderDlq", queue)  # the one line a new queue needs
    monitoring.finish()
    return stack, monitoring


def test_a_queue_is_watched_with_one_call(monitoring_stack):
    stack, _ = monitoring_stack
    template = Template.from_stack(stack).to_json()["Resources"]
    props = alarms(template)["Watch-BulkLoaderDlq-depth"]
    assert props["MetricName"] == "ApproximateNumberOfMessagesVisible" and props["Namespace"] == "AWS/SQS"
    assert props["Threshold"] == 1 and props["Statistic"] == "Maximum"
    topic = next(iter(of_type(template, "AWS::SNS::Topic")))
    assert props["AlarmActions"] == [{"Ref": topic}] and props["OKActions"] == [{"Ref": topic}]


def test_alarms_added_after_the_dashboard_is_finished_are_refused(monitoring_stack):
    _, monitoring = monitoring_stack
    with pytest.raises(RuntimeError, match=r"before Monitoring\.finish"):
        monitoring.watch_queue_depth("Late", sqs.Queue(monitoring, "Late"))


def test_alarm_ids_are_readable():
    assert alarm_id("p99-GET-/exams/{tenantId}/{id}") == "P99GETExamsTenantIdId"
