"""What each Lambda's code can do to DynamoDB, read from the source (no import, no AWS).

A call graph over `shared/` and `functions/`: from every definition in a handler module, follow
calls and references to functions by name (`engine.get(...)`, `from shared import read_models`,
`read_models.calendar`), and collect

- the DynamoDB, S3, KMS and SQS client operations reached (`client().get_item`,
  `client().put_object`, a presigned `get_object`, `_kms().encrypt`, `_sqs().send_message_batch`,
  ...), as IAM actions;
- the indexes queried: a table index name passed as a literal to `query_index(...)` / `query_page(...)`,
  or a resource index's name (declared as `Index("calendar", "gsi1", ...)`), which stands for its
  table index; `spec.index(spec.export_window)` reaches every index declared as an export window.

Names a package re-exports (`shared.engine.create`, defined in `shared.engine.records`) are followed
to their definition.

A class statement's own body (field defaults, decorators) runs at import, its methods only when
called: a module that imports a class reaches its methods only through calls and references.

It over-approximates where Python is dynamic: a method called on an object (`spec.hooks.on_create`)
leads to every method of that name. That can only widen what it finds, never hide a use, so the
stack's grants are checked against an upper bound of what the code does.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("shared", "functions")

# boto3 DynamoDB client method -> IAM action(s).
CLIENT_ACTIONS: dict[str, tuple[str, ...]] = {
    "get_item": ("dynamodb:GetItem",),
    "query": ("dynamodb:Query",),
    "scan": ("dynamodb:Scan",),
    "put_item": ("dynamodb:PutItem",),
    "update_item": ("dynamodb:UpdateItem",),
    "delete_item": ("dynamodb:DeleteItem",),
    "batch_get_item": ("dynamodb:BatchGetItem",),
    "batch_write_item": ("dynamodb:BatchWriteItem",),
    "transact_get_items": ("dynamodb:GetItem",),
    # A transaction needs the item action of each kind it holds (see TRANSACT_KINDS).
    "transact_write_items": (),
    "describe_table": ("dynamodb:DescribeTable",),
}
# boto3 S3 client method -> IAM action (a presigned URL needs the action of the method it presigns).
S3_ACTIONS: dict[str, str] = {
    "get_object": "s3:GetObject",
    "head_object": "s3:GetObject",
    "put_object": "s3:PutObject",
    "upload_file": "s3:PutObject",
    "upload_fileobj": "s3:PutObject",
    "put_object_tagging": "s3:PutObjectTagging",
    "get_object_tagging": "s3:GetObjectTagging",
    "delete_object": "s3:DeleteObject",
    "copy_object": "s3:PutObject",
    "list_objects_v2": "s3:ListBucket",
}
# boto3 KMS and SQS client methods (shared/webhooks/secrets.py, queue.py) -> IAM action.
KMS_ACTIONS: dict[str, str] = {"encrypt": "kms:Encrypt", "decrypt": "kms:Decrypt"}
SQS_ACTIONS: dict[str, str] = {"send_message": "sqs:SendMessage", "send_message_batch": "sqs:SendMessage"}
# Which module's client function talks to which service.
CLIENT_MODULES = {
    "shared.store.client": "dynamodb",
    "shared.files.client": "s3",
    "shared.webhooks.secrets._kms": "kms",
    "shared.webhooks.queue._sqs": "sqs",
}
TRANSACT_KINDS = {
    "Put": "dynamodb:PutItem",
    "Update": "dynamodb:UpdateItem",
    "Delete": "dynamodb:DeleteItem",
    "ConditionCheck": "dynamodb:ConditionCheckItem",
}
INDEX_CALLS = ("query_index", "query_page")


@dataclass
class Definition:
    name: str  # module.func, module.Class.method, or module.<module>
    node: ast.AST
    module: str
    edges: set[str] = field(default_factory=set)
    actions: set[str] = field(default_factory=set)
    indexes: set[str] = field(default_factory=set)
    transact_kinds: set[str] = field(default_factory=set)
    uses_transactions: bool = False


def _module_name(path: Path) -> str:
    parts = path.relative_to(REPO_ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def _graph(index_names: frozenset[str]) -> dict[str, Definition]:
    trees = {
        _module_name(path): ast.parse(path.read_text(), str(path))
        for package in PACKAGES
        for path in sorted((REPO_ROOT / package).rglob("*.py"))
    }
    definitions: dict[str, Definition] = {}
    methods_by_name: dict[str, set[str]] = {}
    aliases: dict[str, dict[str, str]] = {}

    for module, tree in trees.items():
        names: dict[str, str] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    names[alias.asname or alias.name.split(".")[0]] = alias.name
            elif isinstance(node, ast.ImportFrom) and node.module:
                for alias in node.names:
                    names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
        aliases[module] = names
        body_nodes = []
        for node in tree.body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                definitions[f"{module}.{node.name}"] = Definition(f"{module}.{node.name}", node, module)
            elif isinstance(node, ast.ClassDef):
                for item in node.body:
                    if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                        name = f"{module}.{node.name}.{item.name}"
                        definitions[name] = Definition(name, item, module)
                        methods_by_name.setdefault(item.name, set()).add(name)
                # The class statement runs at import: its bases, decorators and body (field defaults,
                # lambdas), but not its methods, which are definitions of their own.
                body_nodes.append(
                    ast.ClassDef(
                        name=node.name,
                        bases=node.bases,
                        keywords=node.keywords,
                        body=[i for i in node.body if not isinstance(i, ast.FunctionDef | ast.AsyncFunctionDef)],
                        decorator_list=node.decorator_list,
                        type_params=[],
                    )
                )
            else:
                body_nodes.append(node)
        definitions[f"{module}.<module>"] = Definition(f"{module}.<module>", ast.Module(body_nodes, []), module)

    # A resource index's name -> its table index; the names declared as export windows.
    index_of: dict[str, str] = {}
    export_windows: set[str] = set()
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Index":
                named = [a.value for a in node.args[:2] if isinstance(a, ast.Constant)]
                if len(named) == 2:
                    index_of[named[0]] = named[1]
            if isinstance(node, ast.keyword) and node.arg == "export_window" and isinstance(node.value, ast.Constant):
                export_windows.add(node.value.value)

    def follow(target: str | None) -> str | None:
        """A re-exported name to the definition it names (`from x.y import f` in package x)."""
        seen = set()
        while target and target not in definitions and target not in seen:
            seen.add(target)
            owner, _, attr = target.rpartition(".")
            target = aliases.get(owner, {}).get(attr)
        return target if target in definitions else None

    def resolve(module: str, expression: ast.AST) -> set[str]:
        """The definitions an expression may name."""
        if isinstance(expression, ast.Name):
            local = f"{module}.{expression.id}"
            if local in definitions:
                return {local}
            target = follow(aliases[module].get(expression.id))
            return {target} if target else set()
        if isinstance(expression, ast.Attribute):
            if isinstance(expression.value, ast.Name):
                target = aliases[module].get(expression.value.id)
                found = follow(f"{target}.{expression.attr}") if target else None
                if found:
                    return {found}
                if target and f"{target}.<module>" in definitions:  # a module's attribute that is no function
                    return set()
            return set(methods_by_name.get(expression.attr, ()))
        return set()

    for definition in definitions.values():
        for node in ast.walk(definition.node):
            if isinstance(node, ast.Name | ast.Attribute) and isinstance(node.ctx, ast.Load):
                definition.edges |= resolve(definition.module, node)
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Call):
                services = {CLIENT_MODULES.get(name) for name in resolve(definition.module, node.value.func)}
                if "dynamodb" in services and node.attr in CLIENT_ACTIONS:
                    definition.actions.update(CLIENT_ACTIONS[node.attr])
                    definition.uses_transactions |= node.attr == "transact_write_items"
                if "s3" in services and node.attr in S3_ACTIONS:
                    definition.actions.add(S3_ACTIONS[node.attr])
                if "kms" in services and node.attr in KMS_ACTIONS:
                    definition.actions.add(KMS_ACTIONS[node.attr])
                if "sqs" in services and node.attr in SQS_ACTIONS:
                    definition.actions.add(SQS_ACTIONS[node.attr])
            if isinstance(node, ast.Call):
                callee = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                literals = [
                    a.value for a in (*node.args, *(k.value for k in node.keywords)) if isinstance(a, ast.Constant)
                ]
                if callee in INDEX_CALLS:
                    named = (index_of.get(v, v) for v in literals if isinstance(v, str))
                    definition.indexes.update(v for v in named if v in index_names)
                if callee == "index" and any(getattr(a, "attr", "") == "export_window" for a in node.args):
                    definition.indexes.update(index_of[w] for w in export_windows if index_of.get(w) in index_names)
                if callee == "_op" and literals and literals[0] in TRANSACT_KINDS:
                    definition.transact_kinds.add(literals[0])
                if callee == "generate_presigned_url" and literals and literals[0] in S3_ACTIONS:
                    definition.actions.add(S3_ACTIONS[literals[0]])
            if (isinstance(node, ast.keyword) and node.arg == "Tagging") or (
                isinstance(node, ast.Constant) and node.value == "Tagging"
            ):
                definition.actions.add("s3:PutObjectTagging")  # PutObject with tags needs it too
        # module-level imports make the imported module's top-level code run
        if definition.name.endswith(".<module>"):
            for target in aliases[definition.module].values():
                for candidate in (f"{target}.<module>", f"{target.rsplit('.', 1)[0]}.<module>"):
                    if candidate in definitions:
                        definition.edges.add(candidate)
    return definitions


@dataclass(frozen=True)
class Access:
    actions: frozenset[str]
    indexes: frozenset[str]


def access_of(handler_module: str, index_names: frozenset[str]) -> Access:
    """What the Lambda whose handler is `handler_module` can reach, from its code."""
    definitions = _graph(index_names)
    start = [name for name, d in definitions.items() if d.module == handler_module]
    if not start:
        raise LookupError(f"no source for {handler_module}")
    seen: set[str] = set()
    pending = list(start)
    while pending:
        name = pending.pop()
        if name in seen:
            continue
        seen.add(name)
        pending.extend(definitions[name].edges - seen)
    reached = [definitions[name] for name in seen]
    actions = {a for d in reached for a in d.actions}
    if any(d.uses_transactions for d in reached):
        actions |= {TRANSACT_KINDS[k] for d in reached for k in d.transact_kinds}
    return Access(frozenset(actions), frozenset(i for d in reached for i in d.indexes))
