"""The delivery task: one message, sent at most once, retried with pauses (messaging.services)."""

from django_tasks import task

from messaging import services


@task()
def deliver_message(*, message_id: int) -> str | None:
    return services.deliver(message_id)
