"""Reading a synthesized CloudFormation template: resources by type, functions, methods, policies."""

from __future__ import annotations

import json
from typing import Any


def of_type(resources: dict, resource_type: str) -> dict[str, dict[str, Any]]:
    return {name: res for name, res in resources.items() if res["Type"] == resource_type}


def our_functions(resources: dict) -> dict[str, dict[str, Any]]:
    """Lambda logical id -> properties, for the project's functions (not CDK's custom-resource helpers)."""
    return {
        name: res["Properties"]
        for name, res in of_type(resources, "AWS::Lambda::Function").items()
        if res["Properties"].get("Handler", "").endswith(".lambda_handler")
    }


def function_by_module(resources: dict) -> dict[str, str]:
    """Handler module -> Lambda logical id."""
    return {props["Handler"].rsplit(".", 1)[0]: name for name, props in our_functions(resources).items()}


def invoked_by_module(resources: dict) -> dict[str, str]:
    """Handler module -> the logical id API Gateway invokes: the function's alias with SnapStart
    (a snapshot belongs to a published version), else the function itself."""
    aliases = of_type(resources, "AWS::Lambda::Alias")
    invoked = {}
    for module, function in function_by_module(resources).items():
        alias = [name for name, res in aliases.items() if res["Properties"]["FunctionName"] == {"Ref": function}]
        invoked[module] = alias[0] if alias else function
    return invoked


def resource_paths(resources: dict) -> dict[str, str]:
    """API Gateway resource logical id -> its full path, rebuilt from the PathPart/ParentId chain."""
    parts = {name: res["Properties"] for name, res in of_type(resources, "AWS::ApiGateway::Resource").items()}

    def path_of(name: str) -> str:
        parent = parts[name]["ParentId"]
        prefix = path_of(parent["Ref"]) if "Ref" in parent else ""  # else the API's root resource
        return f"{prefix}/{parts[name]['PathPart']}"

    return {name: path_of(name) for name in parts}


def methods(resources: dict) -> dict[tuple[str, str], dict[str, Any]]:
    """(HTTP method, path) -> method properties."""
    paths = resource_paths(resources)
    found = {}
    for props in (res["Properties"] for res in of_type(resources, "AWS::ApiGateway::Method").values()):
        key = (props["HttpMethod"], paths[props["ResourceId"]["Ref"]])
        assert key not in found, f"duplicate method {key}"
        found[key] = props
    return found


def mentions(value: Any, logical_id: str) -> bool:
    """Whether a CloudFormation value refers to `logical_id` (Ref or GetAtt, at any depth)."""
    return f'"{logical_id}"' in json.dumps(value)


def as_list(value: Any) -> list:
    return value if isinstance(value, list) else [value]


def role_of(resources: dict, function_id: str) -> str:
    return our_functions(resources)[function_id]["Role"]["Fn::GetAtt"][0]


def role_statements(resources: dict, role: str) -> list[dict[str, Any]]:
    """Every identity-policy statement attached to `role` (separate policies and inline ones)."""
    statements = []
    for policy in of_type(resources, "AWS::IAM::Policy").values():
        if {"Ref": role} in policy["Properties"]["Roles"]:
            statements += policy["Properties"]["PolicyDocument"]["Statement"]
    for inline in resources[role]["Properties"].get("Policies", []):
        statements += inline["PolicyDocument"]["Statement"]
    return statements


def alarms(resources: dict) -> dict[str, dict[str, Any]]:
    """Alarm name -> properties."""
    return {
        res["Properties"]["AlarmName"]: res["Properties"]
        for res in of_type(resources, "AWS::CloudWatch::Alarm").values()
    }
