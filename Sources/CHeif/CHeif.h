// libheif 1.15 (apt: libheif-dev, pkg-config: libheif), only with the HEIF trait. It decodes HEVC
// through libde265 and AV1 through libaom/dav1d, and encodes AV1 where an encoder plugin exists.
//
// Nothing links libheif: it pulls in libde265, libx265, libaom, libdav1d and libstdc++, whose
// loading and initialisation cost every process a few milliseconds, so Imaging opens it with
// dlopen on the first HEIF/AVIF image (HEIFLibrary.swift). The header gives the types, and
// `cheif_functions` the table of the functions Imaging calls, each typed from its own prototype
// (`__typeof__` reads the declaration without referencing the symbol).
#include <libheif/heif.h>

#define CHEIF_FUNCTION(name) __typeof__(heif_##name) *_Nonnull name

/// The libheif functions Imaging calls, resolved with dlsym once per process.
typedef struct cheif_functions {
    /// `heif_init` (`init` is a keyword in Swift).
    __typeof__(heif_init) *_Nonnull initialize;
    CHEIF_FUNCTION(context_alloc);
    CHEIF_FUNCTION(context_free);
    CHEIF_FUNCTION(context_set_maximum_image_size_limit);
    CHEIF_FUNCTION(context_read_from_memory_without_copy);
    CHEIF_FUNCTION(context_get_primary_image_handle);
    CHEIF_FUNCTION(image_handle_release);
    CHEIF_FUNCTION(image_handle_get_width);
    CHEIF_FUNCTION(image_handle_get_height);
    CHEIF_FUNCTION(image_handle_get_color_profile_type);
    CHEIF_FUNCTION(image_handle_get_raw_color_profile_size);
    CHEIF_FUNCTION(image_handle_get_raw_color_profile);
    CHEIF_FUNCTION(decode_image);
    CHEIF_FUNCTION(image_release);
    CHEIF_FUNCTION(image_get_width);
    CHEIF_FUNCTION(image_get_height);
    CHEIF_FUNCTION(image_get_plane_readonly);
    CHEIF_FUNCTION(have_encoder_for_format);
    CHEIF_FUNCTION(context_get_encoder_for_format);
    CHEIF_FUNCTION(encoder_release);
    CHEIF_FUNCTION(encoder_set_lossy_quality);
    CHEIF_FUNCTION(image_create);
    CHEIF_FUNCTION(image_add_plane);
    CHEIF_FUNCTION(image_get_plane);
    CHEIF_FUNCTION(image_set_raw_color_profile);
    CHEIF_FUNCTION(context_encode_image);
    CHEIF_FUNCTION(context_write);
} cheif_functions;

#undef CHEIF_FUNCTION
