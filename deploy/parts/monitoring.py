"""Alarms and the operations dashboard.

Every alarm made here notifies one SNS topic (on ALARM and on OK) and shows on the dashboard. The
helpers take the thing to watch and nothing else, so watching something new is one line:

    monitoring.watch_function("exams", exams_function)
    monitoring.watch_queue_depth("BulkLoaderDlq", dead_letter_queue)   # any SQS queue, e.g. a DLQ
    monitoring.watch_webhook_failure_rate(dispatcher.log_group)          # from its log lines
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from aws_cdk import Duration
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_cloudwatch_actions as cloudwatch_actions
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from aws_cdk import aws_sns as sns
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from shared.routes import Route

PERIOD = Duration.minutes(5)
API_NAMESPACE = "AWS/ApiGateway"
DYNAMODB_NAMESPACE = "AWS/DynamoDB"
# How far (in standard deviations of its learned band) the 4xx count must rise to count as a spike.
CLIENT_ERROR_SPIKE_STD_DEVS = 3
DASHBOARD_WIDTH = 24

# shared/webhooks/delivery.py logs one INFO line per recorded attempt (Powertools JSON:
# {"message": "webhook attempt", "status": "succeeded" | "pending" | "failed", ...}); `pending` is a
# failed attempt with a retry queued, `failed` the last one.
WEBHOOK_ATTEMPT_MESSAGE = "webhook attempt"
WEBHOOK_FAILED_STATUSES = ("pending", "failed")
WEBHOOK_FAILURE_RATE_PERCENT = 50  # of attempts in 5 minutes
WEBHOOK_FAILURE_RATE_MIN_ATTEMPTS = 20  # below that many attempts a few bad receivers are not a trend


def alarm_id(text: str) -> str:
    """`GET /exams/{tenantId}` -> `GetExamsTenantId`: a construct id / alarm name fragment."""
    return "".join(word[:1].upper() + word[1:] for word in re.split(r"[^A-Za-z0-9]+", text) if word)


class Monitoring(Construct):
    """The stack's alarms (all sent to `topic`) and its CloudWatch dashboard."""

    def __init__(self, scope: Construct, construct_id: str, *, topic: sns.ITopic, name_prefix: str):
        super().__init__(scope, construct_id)
        self.topic = topic
        self.name_prefix = name_prefix
        self.alarms: list[cloudwatch.AlarmBase] = []
        self._finished = False
        self._action = cloudwatch_actions.SnsAction(topic)
        self.dashboard = cloudwatch.Dashboard(self, "Dashboard", dashboard_name=name_prefix)

    # --- the one way an alarm is made ---------------------------------------------------------------

    def _notify(self, alarm: cloudwatch.AlarmBase) -> cloudwatch.AlarmBase:
        if self._finished:
            raise RuntimeError(f"{alarm.node.id}: add alarms before Monitoring.finish(), or the dashboard misses them")
        alarm.add_alarm_action(self._action)
        alarm.add_ok_action(self._action)
        self.alarms.append(alarm)
        return alarm

    def alarm(
        self,
        name: str,
        metric: cloudwatch.IMetric,
        *,
        threshold: float,
        description: str,
        evaluation_periods: int = 1,
        datapoints_to_alarm: int | None = None,
        comparison: cloudwatch.ComparisonOperator = cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    ) -> cloudwatch.Alarm:
        alarm = cloudwatch.Alarm(
            self,
            alarm_id(name),
            alarm_name=f"{self.name_prefix}-{name}",
            alarm_description=description,
            metric=metric,
            threshold=threshold,
            comparison_operator=comparison,
            evaluation_periods=evaluation_periods,
            datapoints_to_alarm=datapoints_to_alarm,
            treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
        )
        self._notify(alarm)
        return alarm

    # --- API Gateway --------------------------------------------------------------------------------

    def watch_api(
        self,
        *,
        api_name: str,
        stage: str,
        routes: Iterable[Route],
        latency_p99_threshold_ms: int,
        server_error_rate_threshold_percent: int,
    ) -> None:
        """5xx rate and 4xx spikes for the stage, p99 latency for each route (method + resource)."""

        def stage_metric(metric_name: str, statistic: str = "Sum", **dimensions: str) -> cloudwatch.Metric:
            return cloudwatch.Metric(
                namespace=API_NAMESPACE,
                metric_name=metric_name,
                dimensions_map={"ApiName": api_name, "Stage": stage, **dimensions},
                statistic=statistic,
                period=PERIOD,
            )

        requests, server_errors, client_errors = (
            stage_metric("Count"),
            stage_metric("5XXError"),
            stage_metric("4XXError"),
        )
        server_error_rate = cloudwatch.MathExpression(
            expression="IF(requests > 0, 100 * errors / requests, 0)",
            using_metrics={"requests": requests, "errors": server_errors},
            label="5xx rate (%)",
            period=PERIOD,
        )
        self.alarm(
            "api-5xx-rate",
            server_error_rate,
            threshold=server_error_rate_threshold_percent,
            comparison=cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
            description=f"More than {server_error_rate_threshold_percent}% of requests to the {stage} API "
            "answered 5xx over 5 minutes (function errors, timeouts, or API Gateway failures).",
        )
        spike = cloudwatch.AnomalyDetectionAlarm(
            self,
            "Api4xxSpike",
            alarm_name=f"{self.name_prefix}-api-4xx-spike",
            alarm_description="4xx answers rose above their learned normal band (bad clients, a broken "
            "integration, key leaks or probing). The band needs about two weeks of traffic to settle.",
            metric=client_errors,
            std_devs=CLIENT_ERROR_SPIKE_STD_DEVS,
            comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_UPPER_THRESHOLD,
            evaluation_periods=3,
            datapoints_to_alarm=2,
            treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
        )
        self._notify(spike)

        latency_metrics = []
        for route in routes:
            p99 = stage_metric("Latency", "p99", Resource=route.path, Method=route.method)
            latency_metrics.append(p99.with_(label=f"{route.method} {route.path}"))
            self.alarm(
                f"p99-{route.method}-{route.path}",
                p99,
                threshold=latency_p99_threshold_ms,
                comparison=cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
                evaluation_periods=3,
                datapoints_to_alarm=2,
                description=f"p99 latency of {route.method} {route.path} above {latency_p99_threshold_ms} ms "
                "in 2 of the last 3 five-minute periods.",
            )

        self.dashboard.add_widgets(
            cloudwatch.TextWidget(
                markdown=f"# {self.name_prefix}: API (stage {stage})", width=DASHBOARD_WIDTH, height=1
            )
        )
        self.dashboard.add_widgets(
            cloudwatch.GraphWidget(title="Requests, 4xx, 5xx", left=[requests, client_errors, server_errors], width=8),
            cloudwatch.GraphWidget(title="5xx rate (%)", left=[server_error_rate], width=8),
            cloudwatch.GraphWidget(
                title="Latency p50 / p99 (ms)",
                left=[stage_metric("Latency", "p50"), stage_metric("Latency", "p99")],
                width=8,
            ),
        )
        self.dashboard.add_widgets(
            cloudwatch.GraphWidget(title="p99 latency per route (ms)", left=latency_metrics, width=DASHBOARD_WIDTH)
        )

    # --- Lambda -------------------------------------------------------------------------------------

    def watch_function(self, name: str, function: lambda_.IFunction) -> None:
        """Errors and throttles of one function, and its graphs."""
        errors = function.metric_errors(period=PERIOD, statistic="Sum")
        throttles = function.metric_throttles(period=PERIOD, statistic="Sum")
        self.alarm(
            f"{name}-errors",
            errors,
            threshold=1,
            description=f"The {name} function raised an unhandled error or timed out (see its log group).",
        )
        self.alarm(
            f"{name}-throttles",
            throttles,
            threshold=1,
            description=f"The {name} function was throttled: its reserved concurrency is exhausted.",
        )
        self.dashboard.add_widgets(
            cloudwatch.GraphWidget(
                title=f"{name}: invocations, errors, throttles",
                left=[function.metric_invocations(period=PERIOD, statistic="Sum"), errors, throttles],
                width=12,
            ),
            cloudwatch.GraphWidget(
                title=f"{name}: duration p50 / p99 (ms), concurrency",
                left=[
                    function.metric_duration(period=PERIOD, statistic="p50"),
                    function.metric_duration(period=PERIOD, statistic="p99"),
                ],
                right=[function.metric("ConcurrentExecutions", period=PERIOD, statistic="Maximum")],
                width=12,
            ),
        )

    # --- DynamoDB -----------------------------------------------------------------------------------

    def watch_table(self, table: dynamodb.ITable, index_names: Iterable[str] = ()) -> None:
        """Read and write throttling on the table and on each of its global secondary indexes."""
        graphs = []
        for number, index_name in enumerate((None, *index_names)):
            dimensions = {"TableName": table.table_name}
            if index_name:
                dimensions["GlobalSecondaryIndexName"] = index_name
            reads, writes = (
                cloudwatch.Metric(
                    namespace=DYNAMODB_NAMESPACE,
                    metric_name=metric_name,
                    dimensions_map=dimensions,
                    statistic="Sum",
                    period=PERIOD,
                )
                for metric_name in ("ReadThrottleEvents", "WriteThrottleEvents")
            )
            what = f"index {index_name}" if index_name else "table"
            # Ids unique across the graph, which shows every expression together.
            throttles = cloudwatch.MathExpression(
                expression=f"reads{number} + writes{number}",
                using_metrics={f"reads{number}": reads, f"writes{number}": writes},
                label=f"{what} throttle events",
                period=PERIOD,
            )
            self.alarm(
                f"dynamodb-{index_name or 'table'}-throttles",
                throttles,
                threshold=1,
                description=f"DynamoDB throttled requests on the {what} (on-demand: a hot partition or a "
                "sudden jump past twice the previous peak).",
            )
            graphs.append(throttles)
        self.dashboard.add_widgets(
            cloudwatch.GraphWidget(
                title="DynamoDB consumed capacity",
                left=[table.metric_consumed_read_capacity_units(), table.metric_consumed_write_capacity_units()],
                width=12,
            ),
            cloudwatch.GraphWidget(title="DynamoDB throttle events", left=graphs, width=12),
        )

    # --- SQS ----------------------------------------------------------------------------------------

    def watch_queue_depth(self, name: str, queue: sqs.IQueue, *, threshold: int = 1) -> cloudwatch.Alarm:
        """Messages waiting in `queue` (for a dead-letter queue: anything at all is a failure)."""
        depth = queue.metric_approximate_number_of_messages_visible(period=PERIOD, statistic="Maximum")
        self.dashboard.add_widgets(cloudwatch.GraphWidget(title=f"{name}: messages waiting", left=[depth], width=12))
        return self.alarm(
            f"{name}-depth",
            depth,
            threshold=threshold,
            description=f"{name} holds at least {threshold} message(s): work failed and waits for a look.",
        )

    # --- webhooks -----------------------------------------------------------------------------------

    def watch_webhook_failure_rate(
        self,
        dispatcher_logs: logs.ILogGroup,
        *,
        threshold_percent: int = WEBHOOK_FAILURE_RATE_PERCENT,
        minimum_attempts: int = WEBHOOK_FAILURE_RATE_MIN_ATTEMPTS,
    ) -> cloudwatch.Alarm:
        """Share of delivery attempts that failed, from CloudWatch Logs metric filters on the
        dispatcher's log group (the code emits no metric of its own): one counts every attempt line,
        one the failed ones; a math expression divides them."""
        namespace = f"{self.name_prefix}/Webhooks"
        message = logs.FilterPattern.string_value("$.message", "=", WEBHOOK_ATTEMPT_MESSAGE)
        failed_status = logs.FilterPattern.any(
            *(logs.FilterPattern.string_value("$.status", "=", status) for status in WEBHOOK_FAILED_STATUSES)
        )
        counted = {}
        for metric_name, pattern in (
            ("DeliveryAttempts", message),
            ("DeliveryAttemptsFailed", logs.FilterPattern.all(message, failed_status)),
        ):
            counted[metric_name] = logs.MetricFilter(
                self,
                f"{metric_name}Filter",
                log_group=dispatcher_logs,
                filter_pattern=pattern,
                metric_namespace=namespace,
                metric_name=metric_name,
                metric_value="1",
            ).metric(period=PERIOD, statistic="Sum")
        rate = cloudwatch.MathExpression(
            expression=f"IF(attempts >= {minimum_attempts}, 100 * FILL(failed, 0) / attempts, 0)",
            using_metrics={"attempts": counted["DeliveryAttempts"], "failed": counted["DeliveryAttemptsFailed"]},
            label="webhook attempts failed (%)",
            period=PERIOD,
        )
        self.dashboard.add_widgets(
            cloudwatch.GraphWidget(
                title="webhooks: attempts, failed attempts",
                left=[counted["DeliveryAttempts"], counted["DeliveryAttemptsFailed"]],
                width=12,
            ),
            cloudwatch.GraphWidget(title="webhooks: attempts failed (%)", left=[rate], width=12),
        )
        return self.alarm(
            "webhook-failure-rate",
            rate,
            threshold=threshold_percent,
            comparison=cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
            evaluation_periods=3,
            datapoints_to_alarm=2,
            description=f"More than {threshold_percent}% of at least {minimum_attempts} webhook delivery attempts "
            "failed (non-2xx, timeout, connection error) in 2 of the last 3 five-minute periods: receivers down, "
            "or the dispatcher cannot reach them. Each endpoint's deliveries log says which.",
        )

    # --- last: the state of every alarm -------------------------------------------------------------

    def finish(self) -> None:
        """Add the alarm status grid; call after the last watch_* (later alarms would be missing from it)."""
        self._finished = True
        self.dashboard.add_widgets(
            cloudwatch.AlarmStatusWidget(title="Alarms", alarms=list(self.alarms), width=DASHBOARD_WIDTH)
        )
