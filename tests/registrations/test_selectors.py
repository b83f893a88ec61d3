import pytest

from registrations import selectors, services
from registrations.models import Registration
from tests.factories import make_group

pytestmark = pytest.mark.django_db


def test_positions_in_one_query_agree_with_one_by_one(person, django_assert_max_num_queries):
    group = make_group(capacity=1)
    other = make_group(capacity=1)
    regs = [services.register(participant=person(), activity=group) for _ in range(4)]
    regs += [services.register(participant=person(), activity=other) for _ in range(3)]
    # Two people queued at the same moment: the older row comes first.
    Registration.objects.filter(pk=regs[3].pk).update(queued_at=regs[2].queued_at)
    for registration in regs:
        registration.refresh_from_db()
    expected = {r.pk: selectors.waitlist_position(r) for r in regs}
    assert sorted(v for v in expected.values() if v) == [1, 1, 2, 2, 3]
    with django_assert_max_num_queries(1):
        annotated = {
            r.pk: r.position
            for r in selectors.with_waitlist_position(Registration.objects.filter(pk__in=expected))
        }
    assert annotated == expected
