// libpng's full API behind setjmp. See ImagingShims.h for the contract.
#include "ImagingShims.h"

#include <png.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

// Chunks other than IDAT larger than this are refused (libpng's Debian default is 8 MB too; set
// explicitly so a different build cannot raise it).
#define IMS_PNG_CHUNK_MALLOC_MAX 8000000
// PNG allows 2^31-1 per side; Swift checks the pixel limit, this only bounds libpng's own work.
#define IMS_PNG_SIDE_MAX 1000000

static void ims_copy_message(char *message, const char *text) {
    if (message == NULL) return;
    strncpy(message, text != NULL ? text : "unknown error", IMS_MESSAGE_CAPACITY - 1);
    message[IMS_MESSAGE_CAPACITY - 1] = '\0';
}

// MARK: - Error handling shared by read and write

typedef struct {
    char message[IMS_MESSAGE_CAPACITY];
    int out_of_data;
} ims_png_errors;

static void ims_png_error(png_structp png, png_const_charp text) {
    ims_png_errors *errors = (ims_png_errors *)png_get_error_ptr(png);
    if (errors != NULL) ims_copy_message(errors->message, text);
    png_longjmp(png, 1);
}

static void ims_png_warning(png_structp png, png_const_charp text) {
    // Warnings (bad ancillary chunk CRC, unknown chunks, ...) are not failures; stay silent.
    (void)png;
    (void)text;
}

// MARK: - Read
//
// libpng's progressive ("push") reader: the data is handed over with png_process_data and rows come
// back through a callback. Unlike the sequential reader, it stops inflating once the last row is
// complete, so an IDAT stream that inflates far past the image (a decompression bomb) costs nothing.

struct ims_png_reader {
    png_structp png;
    png_infop info;
    const uint8_t *data;
    size_t size;
    size_t position;  // the first byte not yet handed to libpng
    ims_png_errors errors;
    ims_png_header header;
    int have_header;
    int have_end;
    // Set by ims_png_read_pixels; kept here (not in locals) so they survive a longjmp.
    uint8_t *pixels;
    size_t row_bytes;
    uint32_t rows_done;
};

static void ims_png_info_ready(png_structp png, png_infop info) {
    ims_png_reader *reader = (ims_png_reader *)png_get_progressive_ptr(png);
    int color_type = png_get_color_type(png, info);
    int bit_depth = png_get_bit_depth(png, info);
    // Palette -> RGB, gray < 8 bits -> 8 bits, tRNS -> alpha. No gamma: like Pillow, gAMA is ignored.
    png_set_expand(png);
    if (bit_depth == 16) png_set_strip_16(png);  // keeps the most significant byte, as Pillow
    png_set_packing(png);
    png_set_interlace_handling(png);
    png_read_update_info(png, info);

    reader->header.width = png_get_image_width(png, info);
    reader->header.height = png_get_image_height(png, info);
    reader->header.bit_depth = bit_depth;
    reader->header.color_type = color_type;
    reader->header.interlaced = png_get_interlace_type(png, info) != PNG_INTERLACE_NONE;
    reader->header.channels = png_get_channels(png, info);
    reader->have_header = 1;
    // Hand control back to Swift, which checks the pixel limit and allocates the image; the
    // bytes not yet processed are handed over again by ims_png_read_pixels.
    size_t unprocessed = png_process_data_pause(png, 0);
    reader->position -= unprocessed;
}

static void ims_png_row_ready(png_structp png, png_bytep row, png_uint_32 row_number, int pass) {
    ims_png_reader *reader = (ims_png_reader *)png_get_progressive_ptr(png);
    if (row == NULL || reader->pixels == NULL || row_number >= reader->header.height) return;
    png_progressive_combine_row(png, reader->pixels + (size_t)row_number * reader->row_bytes, row);
    int last_pass = reader->header.interlaced ? 6 : 0;
    if (pass == last_pass && row_number + 1 > reader->rows_done) reader->rows_done = row_number + 1;
}

static void ims_png_end_ready(png_structp png, png_infop info) {
    (void)info;
    ims_png_reader *reader = (ims_png_reader *)png_get_progressive_ptr(png);
    reader->have_end = 1;
}

/// Hands the rest of the data to libpng, stopping early when a callback pauses it.
static void ims_png_process(ims_png_reader *reader) {
    size_t count = reader->size - reader->position;
    const uint8_t *start = reader->data + reader->position;
    reader->position = reader->size;  // a pause moves it back by what libpng did not process
    png_process_data(reader->png, reader->info, (png_bytep)start, count);
}

static ims_status ims_png_failure(ims_png_reader *reader, char *message) {
    ims_copy_message(message, reader->errors.message);
    if (reader->errors.out_of_data || strstr(reader->errors.message, "Not enough image data") != NULL) {
        return IMS_TRUNCATED;
    }
    return IMS_CORRUPT;
}

static ims_status ims_png_out_of_data(ims_png_reader *reader, char *message) {
    reader->errors.out_of_data = 1;
    ims_copy_message(reader->errors.message, "Read Error: the data ends before the image does");
    return ims_png_failure(reader, message);
}

ims_status ims_png_read_header(const uint8_t *data, size_t size, ims_png_reader **out_reader,
                               ims_png_header *header, char *message) {
    *out_reader = NULL;
    if (size < 8 || png_sig_cmp((png_const_bytep)data, 0, 8) != 0) {
        ims_copy_message(message, "Not a PNG file");
        return IMS_CORRUPT;
    }
    ims_png_reader *reader = calloc(1, sizeof *reader);
    if (reader == NULL) {
        ims_copy_message(message, "out of memory");
        return IMS_FAILED;
    }
    reader->data = data;
    reader->size = size;
    reader->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &reader->errors, ims_png_error, ims_png_warning);
    if (reader->png != NULL) reader->info = png_create_info_struct(reader->png);
    if (reader->png == NULL || reader->info == NULL) {
        ims_png_reader_destroy(reader);
        ims_copy_message(message, "out of memory");
        return IMS_FAILED;
    }
    if (setjmp(png_jmpbuf(reader->png))) {
        ims_status status = ims_png_failure(reader, message);
        ims_png_reader_destroy(reader);
        return status;
    }
    png_set_progressive_read_fn(reader->png, reader, ims_png_info_ready, ims_png_row_ready, ims_png_end_ready);
    png_set_user_limits(reader->png, IMS_PNG_SIDE_MAX, IMS_PNG_SIDE_MAX);
    png_set_chunk_malloc_max(reader->png, IMS_PNG_CHUNK_MALLOC_MAX);
    png_set_keep_unknown_chunks(reader->png, PNG_HANDLE_CHUNK_NEVER, (png_const_bytep)"tEXt\0zTXt\0iTXt\0sPLT\0pCAL\0sCAL\0iCCP\0eXIf", 8);
    ims_png_process(reader);
    if (!reader->have_header) {
        ims_status status = ims_png_out_of_data(reader, message);
        ims_png_reader_destroy(reader);
        return status;
    }
    if (reader->header.channels < 1 || reader->header.channels > 4) {
        ims_copy_message(message, "unexpected pixel layout after expansion");
        ims_png_reader_destroy(reader);
        return IMS_UNSUPPORTED;
    }
    *header = reader->header;
    *out_reader = reader;
    return IMS_OK;
}

ims_status ims_png_read_pixels(ims_png_reader *reader, uint8_t *pixels, size_t row_bytes, int allow_truncated,
                               char *message) {
    size_t width_bytes = (size_t)reader->header.width * (size_t)reader->header.channels;
    if (row_bytes < width_bytes) {
        ims_copy_message(message, "row_bytes is smaller than a row");
        return IMS_FAILED;
    }
    if (reader->header.interlaced) {
        // Adam7 passes fill pixels in across the whole image: start from black, so a partial image
        // keeps black where nothing arrived, as Pillow's LOAD_TRUNCATED_IMAGES does.
        memset(pixels, 0, row_bytes * reader->header.height);
    }
    reader->pixels = pixels;
    reader->row_bytes = row_bytes;
    reader->rows_done = 0;
    if (setjmp(png_jmpbuf(reader->png))) {
        ims_status status = ims_png_failure(reader, message);
        if (status != IMS_TRUNCATED || !allow_truncated) return status;
    } else {
        ims_png_process(reader);
        if (!reader->have_end && !allow_truncated) return ims_png_out_of_data(reader, message);
    }
    // Reached when complete, or when truncation is allowed: rows that never arrived are black.
    if (!reader->header.interlaced && reader->rows_done < reader->header.height) {
        memset(pixels + (size_t)reader->rows_done * row_bytes, 0,
               (size_t)(reader->header.height - reader->rows_done) * row_bytes);
    }
    return IMS_OK;
}

void ims_png_reader_destroy(ims_png_reader *reader) {
    if (reader == NULL) return;
    if (reader->png != NULL) png_destroy_read_struct(&reader->png, reader->info ? &reader->info : NULL, NULL);
    free(reader);
}

// MARK: - Write

typedef struct {
    uint8_t *bytes;
    size_t count;
    size_t capacity;
} ims_png_output;

static void ims_png_write_data(png_structp png, png_bytep data, png_size_t length) {
    ims_png_output *output = (ims_png_output *)png_get_io_ptr(png);
    if (length > output->capacity - output->count) {
        size_t capacity = output->capacity < 4096 ? 4096 : output->capacity;
        while (length > capacity - output->count) {
            if (capacity > SIZE_MAX / 2) png_error(png, "output too large");
            capacity *= 2;
        }
        uint8_t *bytes = realloc(output->bytes, capacity);
        if (bytes == NULL) png_error(png, "out of memory");
        output->bytes = bytes;
        output->capacity = capacity;
    }
    memcpy(output->bytes + output->count, data, length);
    output->count += length;
}

static void ims_png_flush(png_structp png) { (void)png; }

ims_status ims_png_encode(const uint8_t *pixels, uint32_t width, uint32_t height, int channels, size_t row_bytes,
                          int compression_level, const uint8_t *icc_profile, size_t icc_profile_size,
                          uint8_t **out_bytes, size_t *out_size, char *message) {
    static const int color_types[] = {PNG_COLOR_TYPE_GRAY, PNG_COLOR_TYPE_GRAY_ALPHA, PNG_COLOR_TYPE_RGB,
                                      PNG_COLOR_TYPE_RGB_ALPHA};
    *out_bytes = NULL;
    *out_size = 0;
    if (channels < 1 || channels > 4 || compression_level < 0 || compression_level > 9 || width == 0 ||
        height == 0 || row_bytes < (size_t)width * (size_t)channels) {
        ims_copy_message(message, "invalid arguments");
        return IMS_FAILED;
    }
    // volatile: read after a longjmp, so it must not live in a register that setjmp restored.
    ims_png_output output = {NULL, 0, 0};
    ims_png_output *volatile output_ref = &output;
    ims_png_errors errors;
    memset(&errors, 0, sizeof errors);
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &errors, ims_png_error, ims_png_warning);
    png_infop info = png != NULL ? png_create_info_struct(png) : NULL;
    if (png == NULL || info == NULL) {
        png_destroy_write_struct(&png, info ? &info : NULL);
        ims_copy_message(message, "out of memory");
        return IMS_FAILED;
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        free(output_ref->bytes);
        ims_copy_message(message, errors.message);
        return IMS_FAILED;
    }
    png_set_write_fn(png, output_ref, ims_png_write_data, ims_png_flush);
    png_set_compression_level(png, compression_level);
    png_set_IHDR(png, info, width, height, 8, color_types[channels - 1], PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    if (icc_profile != NULL && icc_profile_size <= 0xFFFFFFFFu) {
        // A profile libpng rejects (wrong colour space for the colour type, a damaged tag table) is
        // an "application error": made a warning here, so the image is still written, without it.
        png_set_benign_errors(png, 1);
        png_set_iCCP(png, info, "ICC Profile", PNG_COMPRESSION_TYPE_BASE, (png_const_bytep)icc_profile,
                     (png_uint_32)icc_profile_size);
    }
    png_write_info(png, info);
    const uint8_t *row = pixels;
    for (uint32_t y = 0; y < height; y++, row += row_bytes) {
        png_write_row(png, (png_const_bytep)row);
    }
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    *out_bytes = output.bytes;
    *out_size = output.count;
    return IMS_OK;
}

void ims_free(void *pointer) { free(pointer); }
