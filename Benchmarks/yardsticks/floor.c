/*
 * floor: the cheapest program that still makes a correct thumbnail, the yardstick that
 * Benchmarks/compare.sh and Benchmarks/profile.sh measure the `thumbnail` command against.
 *
 *   floor IN OUT SIZE
 *
 * IN is a JPEG or a PNG (told apart by the PNG signature). The thumbnail fits in SIZE x SIZE
 * with the size Pillow's Image.thumbnail would give (never larger than the original). OUT is a
 * PNG when its name ends in ".png", otherwise a baseline JPEG at quality 85 with 4:2:0 chroma.
 *
 * What it does, and why nothing cheaper would still be correct:
 *   JPEG: read the header, then decode at the smallest TurboJPEG DCT scale whose output still
 *         covers the thumbnail on both axes (a smaller one would have to be upscaled), as RGB.
 *   PNG:  decode with libpng's simplified API to RGB, or RGBA when the file has alpha.
 *   Then an area average (each output pixel is the mean of the source area it covers) down to
 *   the exact size, and one encode. The file is read whole and the output written whole; there
 *   is no EXIF orientation, no colour management, and a JPEG output drops the alpha channel.
 *
 * Build: gcc -O2 -o floor floor.c $(pkg-config --cflags --libs libturbojpeg libpng) -lm
 */
#include <math.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <turbojpeg.h>

typedef struct {
    unsigned char *samples; /* rows of width * channels bytes, no padding */
    int width, height, channels;
} picture;

static int fail(const char *what, const char *why) {
    fprintf(stderr, "floor: %s: %s\n", what, why);
    return 0;
}

/* The whole file in one malloc'd buffer (fread, which profile.sh counts as "read the file"). */
static int read_whole(const char *path, unsigned char **bytes, size_t *count) {
    FILE *file = fopen(path, "rb");
    if (!file) return fail(path, "cannot open");
    long length = -1;
    if (fseek(file, 0, SEEK_END) == 0) length = ftell(file);
    rewind(file);
    if (length <= 0) {
        fclose(file);
        return fail(path, "empty or not seekable");
    }
    *bytes = malloc((size_t)length);
    *count = *bytes ? fread(*bytes, 1, (size_t)length, file) : 0;
    fclose(file);
    if (*count != (size_t)length) return fail(path, "short read");
    return 1;
}

static int write_whole(const char *path, const void *bytes, size_t count) {
    FILE *file = fopen(path, "wb");
    if (!file) return fail(path, "cannot create");
    size_t written = fwrite(bytes, 1, count, file);
    if (fclose(file) != 0 || written != count) return fail(path, "short write");
    return 1;
}

/* Pillow's round_aspect: floor or ceiling of value, whichever keeps the aspect ratio closer
 * (the floor on a tie), at least 1. by_width says whether value is a width (for height h) or a
 * height (for width w). */
static int closest_side(double value, double aspect, double other, int by_width) {
    int down = (int)floor(value), up = (int)ceil(value);
    double error_down, error_up;
    if (by_width) {
        error_down = fabs(aspect - down / other);
        error_up = fabs(aspect - up / other);
    } else {
        error_down = down == 0 ? 0 : fabs(aspect - other / down);
        error_up = up == 0 ? 0 : fabs(aspect - other / up);
    }
    int side = error_up < error_down ? up : down;
    return side < 1 ? 1 : side;
}

/* The size Pillow's Image.thumbnail((box, box)) gives a width x height image. */
static void thumbnail_size(int width, int height, int box, int *out_width, int *out_height) {
    *out_width = width;
    *out_height = height;
    if (box >= width && box >= height) return; /* never upscale */
    double aspect = (double)width / height;
    if (1.0 >= aspect) { /* taller than the square box: the height is the box */
        *out_width = closest_side(box * aspect, aspect, box, 1);
        *out_height = box;
    } else {
        *out_width = box;
        *out_height = closest_side(box / aspect, aspect, box, 0);
    }
}

/* Decodes at the cheapest scale for the thumbnail, whose size (from the full size) goes to
 * goal_width x goal_height. */
static int decode_jpeg(const unsigned char *bytes, size_t count, int box, picture *out, int *goal_width,
                       int *goal_height) {
    tjhandle decoder = tjInitDecompress();
    if (!decoder) return fail("jpeg", tjGetErrorStr2(NULL));
    int width, height, subsampling, colorspace, ok = 0;
    if (tjDecompressHeader3(decoder, bytes, count, &width, &height, &subsampling, &colorspace) != 0) {
        fail("jpeg header", tjGetErrorStr2(decoder));
        goto done;
    }
    thumbnail_size(width, height, box, goal_width, goal_height);

    /* Of the scales libjpeg-turbo offers (2/1 down to 1/8), the one with the fewest pixels
     * that still covers the goal; 1/1 always qualifies. */
    int scales;
    tjscalingfactor *factors = tjGetScalingFactors(&scales);
    out->width = width;
    out->height = height;
    for (int i = 0; factors && i < scales; i++) {
        int w = TJSCALED(width, factors[i]), h = TJSCALED(height, factors[i]);
        if (w >= *goal_width && h >= *goal_height && (long)w * h < (long)out->width * out->height) {
            out->width = w;
            out->height = h;
        }
    }
    out->channels = 3;
    out->samples = malloc((size_t)out->width * out->height * 3);
    if (!out->samples) {
        fail("jpeg", "out of memory");
        goto done;
    }
    if (tjDecompress2(decoder, bytes, count, out->samples, out->width, 0, out->height, TJPF_RGB, 0) != 0) {
        fail("jpeg", tjGetErrorStr2(decoder));
        goto done;
    }
    ok = 1;
done:
    tjDestroy(decoder);
    return ok;
}

static int decode_png(const unsigned char *bytes, size_t count, picture *out) {
    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&image, bytes, count)) return fail("png", image.message);
    image.format = (image.format & PNG_FORMAT_FLAG_ALPHA) ? PNG_FORMAT_RGBA : PNG_FORMAT_RGB;
    out->width = (int)image.width;
    out->height = (int)image.height;
    out->channels = (int)PNG_IMAGE_PIXEL_CHANNELS(image.format);
    out->samples = malloc(PNG_IMAGE_SIZE(image));
    if (!out->samples) {
        png_image_free(&image);
        return fail("png", "out of memory");
    }
    if (!png_image_finish_read(&image, NULL, out->samples, 0, NULL)) return fail("png", image.message);
    return 1;
}

/* Which source samples one output sample averages along one axis: `count` weights from
 * `first`, stored from `offset` in a shared weight array. */
typedef struct {
    int first, count, offset;
} span;

/* The area average of `source` pixels onto `target` along one axis (source >= target). */
static span *make_spans(int source, int target, float **weights) {
    span *spans = malloc(sizeof *spans * (size_t)target);
    double ratio = (double)source / target;
    int most = (int)ceil(ratio) + 1;
    *weights = malloc(sizeof **weights * (size_t)target * (size_t)most);
    if (!spans || !*weights) return NULL;
    int offset = 0;
    for (int i = 0; i < target; i++) {
        double start = i * ratio, end = (i + 1) * ratio;
        int first = (int)start, last = (int)ceil(end);
        if (last > source) last = source;
        spans[i] = (span){first, last - first, offset};
        for (int j = first; j < last; j++) {
            double covered = fmin(end, j + 1.0) - fmax(start, (double)j);
            (*weights)[offset++] = (float)(covered / ratio);
        }
    }
    return spans;
}

/* One source row, averaged horizontally into `line` (target width x channels floats). */
static void average_row(const unsigned char *row, int channels, const span *columns,
                        const float *weights, int width, float *line) {
    for (int x = 0; x < width; x++) {
        const unsigned char *pixel = row + (size_t)columns[x].first * channels;
        const float *w = weights + columns[x].offset;
        float sum[4] = {0, 0, 0, 0};
        for (int k = 0; k < columns[x].count; k++, pixel += channels)
            for (int c = 0; c < channels; c++) sum[c] += w[k] * pixel[c];
        for (int c = 0; c < channels; c++) line[x * channels + c] = sum[c];
    }
}

/* Area-average `source` down to width x height, one output row at a time: each source row is
 * averaged horizontally once (the row two output rows share is kept), then weighted into the
 * output rows it covers. */
static int area_average(const picture *source, int width, int height, picture *out) {
    int channels = source->channels;
    out->width = width;
    out->height = height;
    out->channels = channels;
    out->samples = malloc((size_t)width * height * channels);
    float *column_weights = NULL, *row_weights = NULL;
    span *columns = make_spans(source->width, width, &column_weights);
    span *rows = make_spans(source->height, height, &row_weights);
    size_t line_length = (size_t)width * channels;
    float *line = malloc(sizeof *line * line_length), *sum = malloc(sizeof *sum * line_length);
    if (!out->samples || !columns || !rows || !line || !sum) return fail("resample", "out of memory");

    size_t source_stride = (size_t)source->width * channels;
    int line_row = -1;
    for (int y = 0; y < height; y++) {
        memset(sum, 0, sizeof *sum * line_length);
        for (int k = 0; k < rows[y].count; k++) {
            int r = rows[y].first + k;
            if (r != line_row) {
                average_row(source->samples + (size_t)r * source_stride, channels, columns, column_weights,
                            width, line);
                line_row = r;
            }
            float w = row_weights[rows[y].offset + k];
            for (size_t i = 0; i < line_length; i++) sum[i] += w * line[i];
        }
        unsigned char *target = out->samples + (size_t)y * line_length;
        for (size_t i = 0; i < line_length; i++) {
            float v = sum[i] + 0.5f;
            target[i] = v <= 0 ? 0 : v >= 255 ? 255 : (unsigned char)v;
        }
    }
    free(line);
    free(sum);
    free(columns);
    free(rows);
    free(column_weights);
    free(row_weights);
    return 1;
}

static int encode_png(const picture *image, const char *path) {
    png_image header;
    memset(&header, 0, sizeof header);
    header.version = PNG_IMAGE_VERSION;
    header.width = (png_uint_32)image->width;
    header.height = (png_uint_32)image->height;
    header.format = image->channels == 4 ? PNG_FORMAT_RGBA : PNG_FORMAT_RGB;
    png_alloc_size_t length = 0;
    /* The first call only measures; the second writes. */
    if (!png_image_write_to_memory(&header, NULL, &length, 0, image->samples, 0, NULL))
        return fail("png encode", header.message);
    void *bytes = malloc(length);
    if (!bytes) return fail("png encode", "out of memory");
    int ok = png_image_write_to_memory(&header, bytes, &length, 0, image->samples, 0, NULL)
                 ? write_whole(path, bytes, length)
                 : fail("png encode", header.message);
    free(bytes);
    return ok;
}

static int encode_jpeg(const picture *image, const char *path) {
    tjhandle encoder = tjInitCompress();
    if (!encoder) return fail("jpeg encode", tjGetErrorStr2(NULL));
    unsigned char *bytes = NULL;
    unsigned long length = 0;
    int format = image->channels == 4 ? TJPF_RGBA : TJPF_RGB; /* the encoder ignores alpha */
    int ok = tjCompress2(encoder, image->samples, image->width, 0, image->height, format, &bytes, &length,
                         TJSAMP_420, 85, 0) == 0
                 ? write_whole(path, bytes, length)
                 : fail("jpeg encode", tjGetErrorStr2(encoder));
    tjFree(bytes);
    tjDestroy(encoder);
    return ok;
}

static int is_png_name(const char *path) {
    size_t length = strlen(path);
    return length >= 4 && strcasecmp(path + length - 4, ".png") == 0;
}

int main(int argc, char **argv) {
    int box = argc == 4 ? atoi(argv[3]) : 0;
    if (box <= 0) {
        fprintf(stderr, "usage: floor IN OUT SIZE (SIZE > 0: the thumbnail fits in SIZE x SIZE)\n");
        return 2;
    }
    unsigned char *bytes = NULL;
    size_t count = 0;
    if (!read_whole(argv[1], &bytes, &count)) return 1;

    picture decoded = {0}, small = {0};
    int width, height;
    if (count >= 8 && png_sig_cmp(bytes, 0, 8) == 0) {
        if (!decode_png(bytes, count, &decoded)) return 1;
        thumbnail_size(decoded.width, decoded.height, box, &width, &height);
    } else if (!decode_jpeg(bytes, count, box, &decoded, &width, &height)) {
        return 1;
    }
    free(bytes);
    /* A PNG already inside the box, or a JPEG whose scaled decode hit the size exactly. */
    if (width == decoded.width && height == decoded.height)
        small = decoded;
    else if (!area_average(&decoded, width, height, &small))
        return 1;
    else
        free(decoded.samples);

    int ok = is_png_name(argv[2]) ? encode_png(&small, argv[2]) : encode_jpeg(&small, argv[2]);
    free(small.samples);
    return ok ? 0 : 1;
}
