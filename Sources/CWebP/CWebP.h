// libwebp (apt: libwebp-dev, pkg-config: libwebp), only with the WebP trait. Decode and encode
// only: the RIFF chunks (ICCP, VP8X) are read in Swift, so neither libwebpdemux nor libwebpmux.
#include <webp/decode.h>
#include <webp/encode.h>
