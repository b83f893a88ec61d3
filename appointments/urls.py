from django.urls import path

from appointments import booking_views, views

app_name = "appointments"

urlpatterns = [
    path("talk-to-us/", views.contact, name="contact"),
    path("talk-to-us/thanks/", views.thanks, name="thanks"),
    path("desk/withdraw/<str:token>/", views.withdraw, name="withdraw"),
    path("desk/book/<str:token>/", booking_views.book_link, name="book_link"),
    path("desk/appointment/<str:token>/", booking_views.manage, name="manage"),
    path("my/appointments/book/", booking_views.book, name="book"),
    path("my/appointments/<int:pk>/", booking_views.mine, name="mine"),
]
