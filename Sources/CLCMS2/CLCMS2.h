// little-cms 2 (apt: liblcms2-dev, pkg-config: lcms2), for ColorProfileHandling.convertToSRGB.
// Only with the package trait ColorManagement.
#include <lcms2.h>

// lcms2's pixel-type macros are function-like, which Swift cannot import; these carry their values.
static const cmsUInt32Number CLCMS2_TYPE_GRAY_8 = TYPE_GRAY_8;
static const cmsUInt32Number CLCMS2_TYPE_GRAYA_8 = TYPE_GRAYA_8;
static const cmsUInt32Number CLCMS2_TYPE_RGB_8 = TYPE_RGB_8;
static const cmsUInt32Number CLCMS2_TYPE_RGBA_8 = TYPE_RGBA_8;
