from django.http import Http404
from django.utils.cache import patch_cache_control
from wagtail.images.utils import verify_signature
from wagtail.images.views import serve

from core import access


class ServeView(serve.ServeView):
    """Wagtail's image view under the access rule: an image of a restricted collection
    is, to anyone who may not see it, the same 404 as an image that does not exist.
    So is a wrong signature or a malformed address (Wagtail answers 403 and 500)."""

    def get(self, request, signature, image_id, filter_spec, filename=None):
        try:
            signed = verify_signature(signature.encode(), image_id, filter_spec, key=self.key)
        except ValueError:  # a signature that is not text
            signed = False
        if not signed:
            raise Http404
        image = self.model.objects.select_related("collection").filter(id=image_id).first()
        if image is None:
            raise Http404
        restricted = image.collection.get_view_restrictions().exists()
        if restricted and not access.may_see_collection(request, image.collection):
            return access.refuse(request)
        response = super().get(request, signature, image_id, filter_spec, filename)
        if restricted:
            response.headers.pop("Cache-Control", None)
            patch_cache_control(response, private=True, no_store=True)
        return response
