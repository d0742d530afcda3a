// libheif 1.15 (apt: libheif-dev, pkg-config: libheif), only with the HEIF trait. It decodes HEVC
// through libde265 and AV1 through libaom/dav1d, and encodes AV1 where an encoder plugin exists.
#include <libheif/heif.h>
