"""Profile photos: an upload becomes a small square JPEG without metadata (Pillow)."""

from __future__ import annotations

import io

from PIL import Image, ImageOps, UnidentifiedImageError

from mentora.lib.errors import DomainError

SIZE = 256  # pixels, square: sharp at the 4-5 rem the pages show it, ~15 KB
MAX_UPLOAD_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 40_000_000  # larger images are refused before they are decoded (memory)
FORMATS = ("JPEG", "PNG", "WEBP", "GIF")


def photo_normalize(data: bytes) -> bytes:
    """A square SIZE×SIZE JPEG of the picture's centre, turned the way the camera held it,
    with no EXIF, GPS or other metadata left. Raises DomainError naming the field."""
    if not data:
        raise DomainError("Choose a photo to upload.", field="photo")
    if len(data) > MAX_UPLOAD_BYTES:
        raise DomainError("The photo is larger than 8 MB; choose a smaller one.", field="photo")
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format not in FORMATS:
                raise DomainError(
                    "The photo must be a JPEG, PNG, WebP or GIF image.", field="photo"
                )
            width, height = probe.size
            if width * height > MAX_PIXELS:
                raise DomainError(
                    "The photo has too many pixels; choose one under 40 megapixels.",
                    field="photo",
                )
            probe.load()
            image = ImageOps.exif_transpose(probe)
            image = image.convert("RGB")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError) as exc:
        raise DomainError(
            "This file is not an image we can read; upload a JPEG, PNG, WebP or GIF.",
            field="photo",
        ) from exc
    square = ImageOps.fit(image, (SIZE, SIZE), method=Image.Resampling.LANCZOS)
    # A new image from the pixels alone: nothing of the original's metadata travels along.
    clean = Image.new("RGB", square.size)
    clean.paste(square)
    out = io.BytesIO()
    clean.save(out, format="JPEG", quality=85, optimize=True)
    return out.getvalue()
