"""`{% load phones %}`, then `{{ participant.phone|readable_phone }}`: "+39 333 123 4567"."""

from django import template

from core.messaging.phones import readable_phone

register = template.Library()
register.filter("readable_phone", readable_phone)
