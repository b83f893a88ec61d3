from django.urls import path

from attendance import link_views, views

app_name = "attendance"

urlpatterns = [
    path("my-sessions/", views.my_sessions, name="my_sessions"),
    path("my-sessions/<int:session_id>/", views.roll_call, name="roll_call"),
    path("my-sessions/<int:session_id>/walk-in/", views.walk_in, name="walk_in"),
    path("my-sessions/<int:session_id>/code/", views.sign_in_code, name="sign_in_code"),
    path("my-sessions/<int:session_id>/sheet/", views.sign_in_sheet, name="sign_in_sheet"),
    path("my-sessions/<int:session_id>/register.csv", views.register_csv, name="register_csv"),
    path(
        "my-sessions/activity/<int:activity_id>/",
        views.activity_participants,
        name="activity_participants",
    ),
    path(
        "my-sessions/activity/<int:activity_id>/counselling/<int:participant_id>/",
        views.counselling,
        name="counselling",
    ),
    path("sign-in/", views.sign_in, name="sign_in"),
    path("my-attendance/", views.my_attendance, name="mine"),
    path("link/cant-come/<str:token>/", link_views.cant_come, name="cant_come"),
]
