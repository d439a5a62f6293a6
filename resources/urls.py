from django.urls import path

from resources.views import library, propose, training

app_name = "resources"

urlpatterns = [
    path("library/", library.library_view, name="library"),
    path("library/propose/", propose.propose_view, name="propose"),
    path("library/propose/upload/", propose.direct_upload_view, name="propose_upload"),
    path("library/<int:resource_id>/", library.resource_view, name="resource"),
    path(
        "library/<int:resource_id>/files/<int:file_id>/",
        library.download_view,
        name="resource_file",
    ),
    path(
        "library/<int:resource_id>/files/<int:file_id>/preview/",
        library.preview_view,
        name="resource_file_preview",
    ),
    path("training/", training.training_view, name="training"),
    path("training/<int:course_id>/", training.course_view, name="course"),
    path(
        "training/<int:course_id>/materials/<int:material_id>/",
        training.material_download_view,
        name="material",
    ),
    path(
        "training/<int:course_id>/materials/<int:material_id>/preview/",
        training.material_preview_view,
        name="material_preview",
    ),
]
