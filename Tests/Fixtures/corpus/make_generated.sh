#!/usr/bin/env bash
# Remakes generated/ from libjpeg-turbo's testorig (needs libjpeg-turbo-progs and imagemagick).
set -euo pipefail
cd "$(dirname "$0")/generated"
cjpeg -grayscale -quality 90 -outfile gray_testorig.jpg ../libjpeg-turbo/testorig.ppm
cjpeg -progressive -quality 90 -outfile progressive_testorig.jpg ../libjpeg-turbo/testorig.ppm
# ImageMagick writes an Adobe APP14 marker with transform 2: YCCK.
convert ../libjpeg-turbo/testorig.ppm -colorspace CMYK -quality 90 cmyk_testorig.jpg
head -c 3000 ../libjpeg-turbo/testorig.jpg > truncated_testorig.jpg
