// giflib 5.2 (apt: libgif-dev, pkg-config: libgif), only with the GIF trait. Read record by record
// up to the first image; never DGifSlurp, whose work grows with the number of frames.
#include <gif_lib.h>
