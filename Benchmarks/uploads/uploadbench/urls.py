from django.urls import path

from photos import views

urlpatterns = [
    path("photos", views.upload, name="upload"),
]
