// libpng 1.6 (apt: libpng-dev, pkg-config: libpng). Linked for CImagingShims, which owns every
// setjmp; Swift never calls libpng's full API directly.
#include <png.h>
