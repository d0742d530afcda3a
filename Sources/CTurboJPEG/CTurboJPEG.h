// libjpeg-turbo's TurboJPEG API (apt: libturbojpeg0-dev, pkg-config: libturbojpeg).
// TurboJPEG reports every error by return code, so Swift may call it directly.
#include <turbojpeg.h>
