#!/usr/bin/env bash
# Remakes the progressive JPEGs the DC-only decoding tests compare with the whole-file decode
# (ProgressiveDCDecodingTests). Needs libjpeg-turbo-progs (cjpeg, jpegtran) and ImageMagick.
# Sources: the corpus' libjpeg-turbo/testorig.ppm (227 × 149, IJG licence) and its CMYK/YCCK JPEGs.
set -euo pipefail
cd "$(dirname "$0")"
source=../corpus/libjpeg-turbo/testorig.ppm
scripts=$(mktemp -d)
trap 'rm -rf "$scripts"' EXIT

# libjpeg's default script, every subsampling cjpeg writes (h×v of the luma; chroma 1×1), and
# two mixed ones (Cb and Cr sampled differently; a factor of 3, which TurboJPEG cannot classify).
for sampling in 1x1 2x1 2x2 1x2 4x1 4x2 2x2,2x1,1x1 3x1; do
    name=$(echo "$sampling" | tr ',' '-')
    cjpeg -progressive -quality 85 -sample "$sampling" -outfile "default-$name.jpg" "$source"
done
# Restart markers, every row and every 5 MCUs.
cjpeg -progressive -quality 85 -sample 2x2 -restart 1 -outfile restart-rows-2x2.jpg "$source"
cjpeg -progressive -quality 85 -sample 2x1 -restart 5B -outfile restart-blocks-2x1.jpg "$source"
cjpeg -progressive -quality 85 -sample 1x1 -restart 1B -outfile restart-every-block-1x1.jpg "$source"

# Custom scan scripts.
# Spectral selection only, no successive approximation.
echo "0 1 2: 0 0 0 0; 0: 1 5 0 0; 0: 6 63 0 0; 1: 1 63 0 0; 2: 1 63 0 0;" > "$scripts/spectral"
# DC first at reduced precision, AC in between, DC refined twice at the end.
echo "0 1 2: 0 0 0 2; 0: 1 63 0 0; 0 1 2: 0 0 2 1; 1: 1 63 0 0; 2: 1 63 0 0; 0 1 2: 0 0 1 0;" \
    > "$scripts/dc-refined"
# Each DC scan on its own component, successive approximation on the AC bands too.
echo "0: 0 0 0 1; 1: 0 0 0 1; 2: 0 0 0 1; 0: 1 63 0 2; 1: 1 63 0 1; 2: 1 63 0 1; 0: 1 63 2 1;
      0: 1 63 1 0; 1: 1 63 1 0; 2: 1 63 1 0; 0: 0 0 1 0; 1: 0 0 1 0; 2: 0 0 1 0;" > "$scripts/separate-dc"
# Incomplete: the chroma's AC never sent, the luma's AC left at reduced precision (libjpeg smooths).
echo "0 1 2: 0 0 0 0; 0: 1 63 0 1;" > "$scripts/incomplete"
for script in spectral dc-refined separate-dc incomplete; do
    for sampling in 2x2 1x1; do
        cjpeg -quality 85 -sample "$sampling" -scans "$scripts/$script" -outfile "scans-$script-$sampling.jpg" "$source"
    done
done

# Chroma AC in spectral bands with successive approximation, DC not interleaved, restart every
# 3 MCUs, and odd dimensions (the image cropped to 211 × 133): the 4:2:0 chroma's AC scans are the
# ones the 1/8 output reads (the baseline rewrite decodes them side by side).
echo "0: 0 0 0 1; 1 2: 0 0 0 1; 1: 1 5 0 2; 2: 1 5 0 1; 1: 6 63 0 2; 0: 1 63 0 1; 1: 1 63 2 1;
      2: 6 63 0 1; 1: 1 63 1 0; 2: 1 63 1 0; 0: 0 0 1 0; 1 2: 0 0 1 0; 0: 1 63 1 0;" > "$scripts/chroma-bands"
convert "$source" -crop 211x133+5+7 +repage "$scripts/cropped.ppm"
cjpeg -quality 90 -sample 2x2 -restart 3B -scans "$scripts/chroma-bands" -outfile scans-chroma-bands-2x2.jpg \
    "$scripts/cropped.ppm"

# Grayscale: the default script and successive approximation.
cjpeg -progressive -grayscale -quality 85 -outfile gray-default.jpg "$source"
echo "0: 0 0 0 1; 0: 1 5 0 2; 0: 6 63 0 2; 0: 1 63 2 1; 0: 0 0 1 0; 0: 1 63 1 0;" > "$scripts/gray"
cjpeg -grayscale -quality 85 -restart 2 -scans "$scripts/gray" -outfile gray-refined-restart.jpg "$source"

# Arithmetic coding (SOF10): never filtered, decoded as before.
cjpeg -progressive -arithmetic -quality 85 -outfile arithmetic-2x2.jpg "$source"

# CMYK and YCCK (Adobe APP14), made progressive losslessly.
jpegtran -progressive -outfile ycck-testorig.jpg ../corpus/generated/cmyk_testorig.jpg
jpegtran -progressive -outfile cmyk-mozilla.jpg ../corpus/jpeg-misc/jpg-cmyk-1.jpg
convert "$source" -colorspace CMYK -sampling-factor 2x2,1x1,1x1,2x2 -interlace JPEG -quality 85 ycck-2x2.jpg
