"""The stack's parts, one module per concern, composed by deploy/stack.py:

- data.py: the table, the bulk-file bucket and its access-log bucket, the page-token secret
- lambda_function.py: how one Lambda is made (runtime, log group, least-privilege role)
- functions.py: every Lambda, from the route table: the authorizer, the resource functions, the
  bulk worker and its dead-letter queue
- api.py: the REST API, its authorizer, methods, Gateway Responses, logs, WAF and CORS
- monitoring.py: the Monitoring construct (alarms and dashboard, in a nested stack)

Data, Functions and Api are plain classes, not nested Constructs: they build their resources in the
stack's own scope, so every resource keeps the construct path and logical ID it had when the stack was
one file. A nested scope would rename them, and CloudFormation would replace the table and buckets on
the next deploy. Monitoring is a Construct of its own: it lives in a nested stack.
"""
