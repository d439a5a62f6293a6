from django.http import Http404
from django.utils.cache import patch_cache_control
from wagtail.images.views import serve

from members.access import is_member


def is_restricted(collection):
    return any(r.restriction_type != r.PASSWORD for r in collection.get_view_restrictions())


class ServeView(serve.ServeView):
    """Wagtail's image view, with the documents' rule: a restricted collection is for members."""

    def get(self, request, signature, image_id, filter_spec, filename=None):
        image = self.model.objects.select_related("collection").filter(id=image_id).first()
        restricted = image is not None and is_restricted(image.collection)
        if restricted and not is_member(request.user):
            raise Http404
        response = super().get(request, signature, image_id, filter_spec, filename)
        if restricted:
            response.headers.pop("Cache-Control", None)
            patch_cache_control(response, private=True, no_store=True)
        return response
