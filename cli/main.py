"""`examreg`: tenant administration against the local server's storage or a deployed stack.

examreg create-tenant acme                 # local (reads .local/server.json written by `make run`)
examreg create-tenant acme --stack ExamRegistration-dev --region eu-west-1
examreg create-key acme --role client --name "acme LMS"
examreg set-limit acme candidates 250000
examreg listen --tenant demo --events 'examResults.*'   # print the tenant's events as they are pushed
"""

from __future__ import annotations

import argparse
import os
import sys

from emulator import local_state


def _target(args: argparse.Namespace) -> str | None:
    """Point boto3 and the settings at the chosen storage; return the API's base URL if known."""
    if args.region:
        os.environ["AWS_DEFAULT_REGION"] = args.region
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    if args.table:
        os.environ["TABLE_NAME"] = args.table
        return None
    if args.stack:
        import boto3

        stack = boto3.client("cloudformation").describe_stacks(StackName=args.stack)["Stacks"][0]
        outputs = {o["OutputKey"]: o["OutputValue"] for o in stack.get("Outputs", [])}
        os.environ["TABLE_NAME"] = outputs["TableName"]
        return outputs.get("ApiUrl")
    state = local_state.read()
    if state is None:
        sys.exit("no local server is running (start it with `make run`), or pass --stack / --table")
    local_state.apply(state)
    return state.get("url")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="examreg", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    where = argparse.ArgumentParser(add_help=False)
    target = where.add_mutually_exclusive_group()
    target.add_argument("--stack", help="a deployed stack's name (reads its TableName output)")
    target.add_argument("--table", help="a DynamoDB table name (with the usual AWS configuration)")
    where.add_argument("--region")
    commands = parser.add_subparsers(dest="command", required=True)

    create_tenant = commands.add_parser(
        "create-tenant", parents=[where], help="create a tenant and its first admin key"
    )
    create_tenant.add_argument("tenant")
    create_key = commands.add_parser("create-key", parents=[where], help="issue another key for a tenant")
    create_key.add_argument("tenant")
    create_key.add_argument("--role", required=True, choices=["admin", "client", "delivery"])
    create_key.add_argument("--name", required=True)
    set_limit = commands.add_parser("set-limit", parents=[where], help="override a tenant's record cap for a resource")
    set_limit.add_argument("tenant")
    set_limit.add_argument("resource")
    set_limit.add_argument("limit", type=int)
    bulk_load = commands.add_parser("bulk-load", parents=[where], help="load a CSV or NDJSON file into a resource")
    bulk_load.add_argument("resource")
    bulk_load.add_argument("file")
    bulk_load.add_argument("--tenant", required=True)
    bulk_load.add_argument("--url", help="the API's base URL (default: the local server's or the stack's)")
    bulk_load.add_argument(
        "--key",
        default=os.environ.get("EXAMREG_API_KEY"),
        help="an API key (default: EXAMREG_API_KEY, else a temporary key the CLI issues itself)",
    )

    listen = commands.add_parser(
        "listen", parents=[where], help="receive the tenant's events on 127.0.0.1, verified, one per line"
    )
    from cli.listen import main_args as listen_args

    listen_args(listen)
    listen.add_argument("--url", help="the API's base URL (default: the local server's or the stack's)")
    listen.add_argument(
        "--key", default=os.environ.get("EXAMREG_API_KEY"), help="an API key (default: a temporary one)"
    )

    args = parser.parse_args(argv)
    api_url = _target(args)
    from shared import tenants

    if args.command == "listen":
        from cli.listen import listen as run_listen

        url = (args.url or api_url or "").rstrip("/")
        if not url:
            print("error: pass --url (the API's base URL)", file=sys.stderr)
            return 2
        if args.key:
            return run_listen(url, args.key, args.tenant, args.events, args.port, args.public_url)
        try:
            tenants.require_tenant(args.tenant)
        except (tenants.NoSuchTenant, ValueError) as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        with tenants.temporary_key(args.tenant, "client", "examreg listen (temporary)") as key:
            return run_listen(url, key, args.tenant, args.events, args.port, args.public_url)

    if args.command == "bulk-load":
        from cli.bulk import bulk_load as run_bulk_load

        url = (args.url or api_url or "").rstrip("/")
        if not url:
            print("error: pass --url (the API's base URL)", file=sys.stderr)
            return 2
        if args.key:
            return run_bulk_load(url, args.key, args.tenant, args.resource, args.file)
        try:
            tenants.require_tenant(args.tenant)
        except (tenants.NoSuchTenant, ValueError) as error:
            print(f"error: {error}", file=sys.stderr)
            return 2  # the load failed: it never started
        with tenants.temporary_key(args.tenant, "client", "examreg bulk-load (temporary)") as key:
            return run_bulk_load(url, key, args.tenant, args.resource, args.file)

    try:
        if args.command == "create-tenant":
            if not tenants.ensure_tenant(args.tenant):
                print(f"tenant '{args.tenant}' already exists", file=sys.stderr)
                return 1
            key = tenants.issue_key(args.tenant, "admin", f"{args.tenant} first admin key")
            print(f"tenant '{args.tenant}' created; admin key (shown once, store it now):\n{key}")
        elif args.command == "create-key":
            key = tenants.issue_key(args.tenant, args.role, args.name)
            print(f"{args.role} key for '{args.tenant}' (shown once, store it now):\n{key}")
        else:
            tenants.set_record_limit(args.tenant, args.resource, args.limit)
            print(f"'{args.tenant}' may now hold {args.limit} {args.resource} records")
    except tenants.NoSuchTenant as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
