// The only C code of the Imaging module: thin wrappers around libpng's full API and libjpeg's
// own API whose error handlers longjmp. Every setjmp lives in these functions, so a longjmp never
// crosses a Swift frame, and libjpeg/libpng never print to stderr or call exit()/abort().
//
// Conventions: every function returns an IMS_* status; on failure a NUL-terminated message is
// copied into the caller's `message` buffer (IMS_MESSAGE_CAPACITY bytes). Readers are opaque and
// must be released with their *_destroy function on every path (it frees everything they own).
#ifndef IMAGING_SHIMS_H
#define IMAGING_SHIMS_H

#include <stddef.h>
#include <stdint.h>

#define IMS_MESSAGE_CAPACITY 200

/// Outcome of a shim call.
typedef enum {
    IMS_OK = 0,
    /// The codec rejected the data (bad header, CRC error, corrupt entropy data, ...).
    IMS_CORRUPT = 1,
    /// The data ended before the image did.
    IMS_TRUNCATED = 2,
    /// The data is valid but uses a feature this build cannot decode.
    IMS_UNSUPPORTED = 3,
    /// Out of memory, or an argument the shim refuses.
    IMS_FAILED = 4,
} ims_status;

// MARK: - PNG read (two phases: header, then rows into a caller-owned buffer)

typedef struct ims_png_reader ims_png_reader;

/// What the PNG header declares, and what the rows will look like after the shim's transforms
/// (palette and low bit depths expanded, tRNS turned into alpha, 16-bit reduced to 8 by taking
/// the most significant byte, no gamma correction).
typedef struct {
    uint32_t width;
    uint32_t height;
    int bit_depth;
    int color_type;
    int interlaced;
    /// 1 gray, 2 gray+alpha, 3 RGB, 4 RGBA; 8 bits each.
    int channels;
} ims_png_header;

/// Reads the signature and every chunk up to the first IDAT. `data` must stay valid until
/// `ims_png_reader_destroy`. On success `*reader` is set; it is NULL on failure.
ims_status ims_png_read_header(const uint8_t *data, size_t size, ims_png_reader **reader,
                               ims_png_header *header, char *message);

/// Decodes every row (all Adam7 passes) into `pixels`, `row_bytes` apart, which must hold
/// `height * row_bytes` bytes with `row_bytes >= width * channels`. Strictly (`allow_truncated`
/// 0) it also reads the chunks after the image data, which catches a CRC error in the last IDAT
/// and a missing IEND. With `allow_truncated`, data that ends early still returns IMS_OK: the
/// rows decoded so far, every other pixel black.
ims_status ims_png_read_pixels(ims_png_reader *reader, uint8_t *pixels, size_t row_bytes,
                               int allow_truncated, char *message);

void ims_png_reader_destroy(ims_png_reader *reader);

// MARK: - PNG write

/// Encodes 8-bit samples (`channels` 1 gray, 2 gray+alpha, 3 RGB, 4 RGBA) as a non-interlaced
/// PNG with zlib `compression_level` 0...9, with an `iCCP` chunk when `icc_profile` is not NULL
/// (a profile libpng finds unfit for the colour type is left out, not an error). On success
/// `*output`/`*output_size` hold a buffer the caller releases with `ims_free`.
ims_status ims_png_encode(const uint8_t *pixels, uint32_t width, uint32_t height, int channels,
                          size_t row_bytes, int compression_level, const uint8_t *icc_profile,
                          size_t icc_profile_size, uint8_t **output, size_t *output_size, char *message);

void ims_free(void *pointer);

// MARK: - zlib

/// Inflates a zlib stream of `size` bytes whose output must not exceed `limit` bytes. IMS_OK with
/// `*output`/`*output_size` (release with `ims_free`); IMS_UNSUPPORTED when the output would be
/// larger than `limit` (inflating stops there); IMS_CORRUPT for a damaged or incomplete stream.
ims_status ims_inflate(const uint8_t *data, size_t size, size_t limit, uint8_t **output, size_t *output_size);

// MARK: - JPEG read through libjpeg (CMYK, YCCK and headers TurboJPEG 2.1 cannot read)

typedef struct ims_jpeg_reader ims_jpeg_reader;

typedef struct {
    uint32_t width;
    uint32_t height;
    int components;
    /// libjpeg's J_COLOR_SPACE of the stored data (JCS_GRAYSCALE 1, JCS_YCbCr 3, JCS_CMYK 4, JCS_YCCK 5).
    int color_space;
    int progressive;
} ims_jpeg_header;

/// Reads the markers up to the first scan. `stop_on_truncation` turns libjpeg's "premature end of
/// JPEG file" warning into a failure; other warnings (recoverable corrupt data) never stop it.
/// `data` must stay valid until `ims_jpeg_reader_destroy`.
ims_status ims_jpeg_read_header(const uint8_t *data, size_t size, int stop_on_truncation,
                                ims_jpeg_reader **reader, ims_jpeg_header *header, char *message);

/// Reads up to `capacity` bytes into `buffer`: the count read, 0 at the end of the data, -1 on failure.
typedef long (*ims_read_fn)(void *context, uint8_t *buffer, size_t capacity);

/// As `ims_jpeg_read_header`, but the data comes through `read` (called with `context`), 64 KiB at a
/// time, so it is never held whole. A failed read stops the decode with `IMS_FAILED`.
ims_status ims_jpeg_read_header_streaming(ims_read_fn read, void *context, int stop_on_truncation,
                                          ims_jpeg_reader **reader, ims_jpeg_header *header, char *message);

/// Starts decompression scaled by `scale_num / scale_denom` (libjpeg supports n/8). Output is
/// 8-bit gray (`*channels` = 1) for grayscale images and RGB (`*channels` = 3) for everything
/// else; CMYK and YCCK are converted to RGB as Pillow does (Adobe inverted CMYK is detected).
ims_status ims_jpeg_start(ims_jpeg_reader *reader, int scale_num, int scale_denom,
                          uint32_t *output_width, uint32_t *output_height, int *channels,
                          char *message);

/// Decodes every scanline into `pixels`, `row_bytes` apart.
ims_status ims_jpeg_read_pixels(ims_jpeg_reader *reader, uint8_t *pixels, size_t row_bytes,
                                char *message);

void ims_jpeg_reader_destroy(ims_jpeg_reader *reader);

#endif
