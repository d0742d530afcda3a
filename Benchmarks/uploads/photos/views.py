"""POST /photos: the example upload server's job, as a Django developer writes it with Pillow.

The original is saved as uploaded; a 256-px thumbnail (Image.thumbnail: fits in 256 x 256) and a
128 x 128 avatar (ImageOps.fit: centre crop) are made from one decode and saved beside it through
default_storage. The answer is the example server's JSON:

    {"name", "url", "width", "height", "thumbnails": {"small": {…}, "avatar": {…}}}

with sizes as displayed (EXIF orientation applied). Not an image: 400 {"error": "<name>: <reason>"}.
"""
import io
import os

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError

SMALL = (256, 256)
AVATAR = (128, 128)


def _as_upload(image, name, field):
    """The image as a JPEG in memory, wrapped the way Django's upload handlers wrap a file."""
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "JPEG", quality=85)
    size = buffer.tell()
    buffer.seek(0)
    return InMemoryUploadedFile(buffer, field, name, "image/jpeg", size, None)


def _record(name, image):
    return {"name": name, "url": default_storage.url(name), "width": image.width, "height": image.height}


@csrf_exempt
@require_POST
def upload(request):
    photo = request.FILES.get("photo")
    if photo is None:
        return JsonResponse({"error": 'The form has no file in the field "photo".'}, status=400)
    try:
        image = Image.open(photo)
        # Sizes as displayed: the stored size, turned when the EXIF orientation turns the picture.
        width, height = image.size
        if image.getexif().get(ExifTags.Base.Orientation, 1) in (5, 6, 7, 8):
            width, height = height, width
        # A DCT-scaled decode, large enough for both sizes: what Image.thumbnail would ask for itself,
        # had exif_transpose not loaded the pixels first.
        image.draft("RGB", (SMALL[0] * 2, SMALL[1] * 2))
        image = ImageOps.exif_transpose(image)
    except (UnidentifiedImageError, OSError) as error:
        return JsonResponse({"error": f"{photo.name}: {error}"}, status=400)

    avatar = ImageOps.fit(image, AVATAR)
    small = image
    small.thumbnail(SMALL)  # in place, so after the avatar

    stem, _ = os.path.splitext(os.path.basename(photo.name))
    photo.seek(0)
    name = default_storage.save(f"photos/{photo.name}", photo)
    small_name = default_storage.save(f"photos/{stem}.small.jpg", _as_upload(small, f"{stem}.small.jpg", "small"))
    avatar_name = default_storage.save(
        f"photos/{stem}.avatar.jpg", _as_upload(avatar, f"{stem}.avatar.jpg", "avatar")
    )
    body = {
        "name": name,
        "url": default_storage.url(name),
        "width": width,
        "height": height,
        "thumbnails": {"small": _record(small_name, small), "avatar": _record(avatar_name, avatar)},
    }
    return JsonResponse(body, status=201)
