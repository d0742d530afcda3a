// libjpeg-turbo's libjpeg API (apt: libjpeg62-turbo-dev, pkg-config: libjpeg). Linked for
// CImagingShims, which owns every setjmp; Swift never calls jpeglib.h directly.
#include <stdio.h>
#include <jpeglib.h>
