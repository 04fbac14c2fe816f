"""The REST API: one method per route of the route table, all behind the API-key REQUEST authorizer;
Gateway Responses in problem+json; access and execution logs; stage throttling; optional WAF and CORS."""

from __future__ import annotations

import json

from aws_cdk import Aws, Duration, Stack
from aws_cdk import aws_apigateway as apigw
from aws_cdk import aws_iam as iam
from aws_cdk import aws_logs as logs
from aws_cdk import aws_wafv2 as wafv2

from deploy.config import StackConfig
from deploy.parts.functions import AUTHORIZER_ID, Functions, function_construct_id
from deploy.parts.monitoring import alarm_id
from shared.errors import PROBLEM_JSON, PROBLEM_TYPE_BASE
from shared.gateway_contract import (
    BINARY_MEDIA_TYPES,
    CORS_ALLOW_HEADERS,
    CORS_EXPOSE_HEADERS,
    DENIED,
    NO_ROUTE,
    UNAUTHORIZED,
)
from shared.routes import TENANT

# API Gateway caches each authorizer decision per Authorization header for
# `authorizerCacheTtlSeconds` (default 300), so a revoked key keeps working that long. The header
# alone is enough: the authorizer's policy allows the key's own tenant's paths only, whatever path it
# was asked about (functions/authorizer/handler.py), so a cached answer never covers another tenant.
AUTHORIZER_IDENTITY_SOURCES = (apigw.IdentitySource.header("Authorization"),)

CORS_MAX_AGE = Duration.hours(1)  # how long browsers may keep a preflight answer


def problem_template(status: int | None, title: str, detail: str, code: str) -> str:
    """A Gateway Response body: the problem+json document emulator/gateway.py sends locally.

    `detail` may be a VTL expression that yields a quoted JSON string (e.g. `$context.error.messageString`);
    `status` is None for the catch-all responses, whose status API Gateway decides.
    """
    body: dict[str, object] = {"type": PROBLEM_TYPE_BASE + code, "title": title}
    if status is not None:
        body["status"] = status
    body["detail"] = "__DETAIL__"
    detail_json = detail if detail.startswith("$context.") else json.dumps(detail)
    return json.dumps(body).replace('"__DETAIL__"', detail_json)


# API Gateway's own errors, by response type: (status code to send, problem body).
GATEWAY_RESPONSES: dict[apigw.ResponseType, tuple[str | None, str]] = {
    apigw.ResponseType.UNAUTHORIZED: ("401", problem_template(*UNAUTHORIZED)),
    apigw.ResponseType.ACCESS_DENIED: ("403", problem_template(*DENIED)),
    # Sent for unknown paths (and, unlike locally, for a known path with a method it lacks).
    apigw.ResponseType.MISSING_AUTHENTICATION_TOKEN: ("404", problem_template(*NO_ROUTE)),
    # Stage throttling; without this it would fall to DEFAULT_4XX.
    apigw.ResponseType.THROTTLED: (
        "429",
        problem_template(429, "Too Many Requests", "request rate limit exceeded; retry later", "limit-exceeded"),
    ),
    # Bodies over API Gateway's hard 10 MB limit.
    apigw.ResponseType.REQUEST_TOO_LARGE: (
        "413",
        problem_template(413, "Content Too Large", "$context.error.messageString", "request-too-large"),
    ),
    apigw.ResponseType.DEFAULT_4_XX: (
        None,
        problem_template(None, "Bad Request", "$context.error.messageString", "bad-request"),
    ),
    apigw.ResponseType.DEFAULT_5_XX: (
        None,
        problem_template(None, "Internal Server Error", "$context.error.messageString", "internal-error"),
    ),
}

ACCESS_LOG_FIELDS = {
    "requestId": apigw.AccessLogField.context_request_id(),
    "requestTime": apigw.AccessLogField.context_request_time(),
    "ip": apigw.AccessLogField.context_identity_source_ip(),
    "userAgent": apigw.AccessLogField.context_identity_user_agent(),
    "method": apigw.AccessLogField.context_http_method(),
    "resourcePath": apigw.AccessLogField.context_resource_path(),
    "path": apigw.AccessLogField.context_path(),
    "status": apigw.AccessLogField.context_status(),
    "responseLength": apigw.AccessLogField.context_response_length(),
    "responseLatency": apigw.AccessLogField.context_response_latency(),
    "integrationLatency": apigw.AccessLogField.context_integration_latency(),
    "tenantId": apigw.AccessLogField.context_authorizer("tenantId"),
    "keyId": apigw.AccessLogField.context_authorizer("keyId"),
    "error": apigw.AccessLogField.context_error_message(),
    "errorType": apigw.AccessLogField.context_error_response_type(),
    "wafStatus": "$context.waf.status",
}


class Api:
    """The RestApi and everything on it, in the stack's own scope (see deploy/parts/__init__.py)."""

    def __init__(self, stack: Stack, config: StackConfig, functions: Functions):
        self.stack = stack
        self.config = config
        self.rest_api = self._rest_api()
        self.methods: dict[tuple[str, str], apigw.Method] = {}  # (method, path) -> its Method
        self.cors_methods: list[apigw.Method] = []
        self._routes(functions)
        self.usage_plan = self.rest_api.add_usage_plan(
            "UsagePlan",
            name=f"exam-registration-{config.stage}",
            description="Stage-wide limits; no API keys (tenants authenticate with the project's own keys)",
            throttle=apigw.ThrottleSettings(
                rate_limit=config.throttle_rate_limit, burst_limit=config.throttle_burst_limit
            ),
            api_stages=[apigw.UsagePlanPerApiStage(api=self.rest_api, stage=self.rest_api.deployment_stage)],
        )
        self.web_acl_association: wafv2.CfnWebACLAssociation | None = None
        if config.waf_acl_arn:
            self.web_acl_association = wafv2.CfnWebACLAssociation(
                stack,
                "WebAclAssociation",
                resource_arn=self.rest_api.deployment_stage.stage_arn,
                web_acl_arn=config.waf_acl_arn,
            )

    def _rest_api(self) -> apigw.RestApi:
        stack, config = self.stack, self.config
        access_logs = logs.LogGroup(
            stack, "ApiAccessLogs", retention=config.log_retention, removal_policy=config.data_removal_policy
        )
        api = apigw.RestApi(
            stack,
            "Api",
            rest_api_name=f"exam-registration-{config.stage}",
            description="Multi-tenant exam registration API",
            endpoint_types=[apigw.EndpointType.REGIONAL],
            binary_media_types=list(BINARY_MEDIA_TYPES),
            # Access logging needs the account-wide API Gateway CloudWatch role. CDK keeps (retains)
            # it on teardown since other APIs in the account may rely on it.
            cloud_watch_role=True,
            deploy_options=apigw.StageOptions(
                stage_name=config.stage,
                tracing_enabled=True,
                metrics_enabled=True,  # per-method (route) CloudWatch metrics: the p99 alarms need them
                logging_level=apigw.MethodLoggingLevel.ERROR,  # execution logs, errors only
                data_trace_enabled=False,  # never log request or response bodies
                throttling_rate_limit=config.throttle_rate_limit,
                throttling_burst_limit=config.throttle_burst_limit,
                access_log_destination=apigw.LogGroupLogDestination(access_logs),
                access_log_format=apigw.AccessLogFormat.custom(json.dumps(ACCESS_LOG_FIELDS)),
            ),
        )
        api.node.try_remove_child("Endpoint")  # CDK's own URL output; the stack outputs ApiUrl instead
        # API Gateway writes execution logs to this group; creating it first sets its retention.
        logs.LogGroup(
            stack,
            "ApiExecutionLogs",
            log_group_name=f"API-Gateway-Execution-Logs_{api.rest_api_id}/{config.stage}",
            retention=config.log_retention,
            removal_policy=config.data_removal_policy,
        )
        cors_headers = {}
        if len(config.cors_origins) == 1:  # a static header can name one origin only
            cors_headers["Access-Control-Allow-Origin"] = f"'{config.cors_origins[0]}'"
        for response_type, (status_code, template) in GATEWAY_RESPONSES.items():
            api.add_gateway_response(
                f"{response_type.response_type}Response",
                type=response_type,
                status_code=status_code,
                response_headers={"Content-Type": f"'{PROBLEM_JSON}'", **cors_headers},
                templates={"application/json": template},
            )
        return api

    def _routes(self, functions: Functions) -> None:
        """One method per route, on resources shared between functions (`resource_for_path` reuses them)."""
        api, stage = self.rest_api, self.config.stage
        authorizer = apigw.RequestAuthorizer(
            self.stack,
            "ApiKeyAuthorizer",
            handler=functions.invoke_target(AUTHORIZER_ID),
            identity_sources=list(AUTHORIZER_IDENTITY_SOURCES),
            results_cache_ttl=Duration.seconds(self.config.authorizer_cache_ttl_seconds),
        )
        methods_by_path: dict[str, list[str]] = {}
        for function in functions.route_table:
            handler = functions.invoke_target(function_construct_id(function))
            integration = apigw.Integration(
                type=apigw.IntegrationType.AWS_PROXY,
                integration_http_method="POST",
                uri=f"arn:{Aws.PARTITION}:apigateway:{Aws.REGION}:lambda:path/2015-03-31/functions/"
                f"{handler.function_arn}/invocations",
            )
            # One invoke permission per function and top-level path, not one per method as
            # LambdaIntegration adds: the stack stays far below CloudFormation's 500 resources.
            for prefix in sorted({"/" + route.path.strip("/").split("/", 1)[0] for route in function.routes}):
                handler.add_permission(
                    f"ApiInvoke{alarm_id(prefix)}",
                    principal=iam.ServicePrincipal("apigateway.amazonaws.com"),
                    action="lambda:InvokeFunction",
                    source_arn=api.arn_for_execute_api("*", f"{prefix}/*", stage),
                )
            for route in function.routes:
                if TENANT not in route.path:
                    # The tenantId identity source would be missing, so API Gateway would answer 401.
                    raise ValueError(f"{route.method} {route.path}: every route must be below a {TENANT} segment")
                method = api.root.resource_for_path(route.path).add_method(
                    route.method,
                    integration,
                    authorizer=authorizer,
                    authorization_type=apigw.AuthorizationType.CUSTOM,
                )
                self.methods[(route.method, route.path)] = method
                methods_by_path.setdefault(route.path, []).append(route.method)

        if self.config.cors_origins:  # preflight only where routes are, and only when configured
            for path, methods in methods_by_path.items():
                self.cors_methods.append(
                    api.root.resource_for_path(path).add_cors_preflight(
                        allow_origins=list(self.config.cors_origins),
                        allow_methods=methods,
                        allow_headers=list(CORS_ALLOW_HEADERS),
                        expose_headers=list(CORS_EXPOSE_HEADERS),
                        max_age=CORS_MAX_AGE,
                    )
                )
