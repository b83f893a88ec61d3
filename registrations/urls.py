from django.urls import path

from registrations import contact_views, data_views, link_views, views

app_name = "registrations"

urlpatterns = [
    path("activities/<int:pk>/register/", views.register, name="register"),
    path("my/registrations/", views.my_registrations, name="mine"),
    path("my/contact/", contact_views.contact_preferences, name="contact"),
    path("my/registrations/<int:pk>/cancel/", views.cancel, name="cancel"),
    path("my/account/delete/", views.delete_my_account, name="delete_account"),
    path("my/data/", data_views.my_data, name="my_data"),
    path("data/<str:token>/", data_views.data_link, name="data_link"),
    path("link/<str:token>/", link_views.link, name="link"),
]
