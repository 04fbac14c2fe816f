"""Webhooks: signed pushes of the tenant's events (Standard Webhooks v1).

endpoints  the webhookEndpoints resource's rules: URL checks, the signing secret, rotation
urls       which URLs may receive (SSRF): checked when saved and again before every attempt
secrets    signing secrets, encrypted with KMS (never stored or logged in clear)
access     which events an endpoint may receive (its creator's role must read the resource)
fanout     new event items (the table's stream) -> one queue message per subscribed endpoint
delivery   one attempt: sign, POST, record it in the deliveries log, schedule the retry
queue      the SQS queue of attempts (delays beyond SQS's 15 minutes hop)
"""


def reset_clients() -> None:
    """Forget cached AWS clients and decrypted secrets (tests start a new moto for each test)."""
    from shared.webhooks import queue, secrets

    queue._sqs.cache_clear()
    secrets._kms.cache_clear()
    secrets.decrypt.cache_clear()
