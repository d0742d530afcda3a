// libjpeg's own API behind setjmp, for what TurboJPEG 2.1 cannot do: CMYK/YCCK to RGB and headers
// whose sampling factors tjDecompressHeader3 rejects. See ImagingShims.h for the contract.
#include "ImagingShims.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jerror.h>
#include <jpeglib.h>

static void ims_copy_text(char *message, const char *text) {
    if (message == NULL) return;
    strncpy(message, text, IMS_MESSAGE_CAPACITY - 1);
    message[IMS_MESSAGE_CAPACITY - 1] = '\0';
}

typedef struct {
    struct jpeg_error_mgr manager;  // first member: libjpeg hands us a pointer to it
    jmp_buf jump;
    int stop_on_truncation;
    int too_many_scans;
    char message[JMSG_LENGTH_MAX];
} ims_jpeg_errors;

// The scan limit TurboJPEG's TJFLAG_LIMITSCANS applies: thousands of tiny progressive scans make
// a small file cost minutes of CPU ("Two Issues with the JPEG Standard").
enum { IMS_JPEG_MAX_SCANS = 500 };

// A libjpeg source that pulls the data through a callback, a buffer at a time, so a large file is
// never held whole in memory.
typedef struct {
    struct jpeg_source_mgr manager;  // first member: libjpeg hands us a pointer to it
    ims_read_fn read;
    void *context;
    int read_failed;
    JOCTET buffer[64 * 1024];
} ims_jpeg_stream_source;

struct ims_jpeg_reader {
    struct jpeg_decompress_struct cinfo;
    ims_jpeg_errors errors;
    struct jpeg_progress_mgr progress;
    ims_jpeg_stream_source *stream;  // NULL for an in-memory reader
    int created;
    int started;
    int cmyk;
    int inverted;
    JSAMPARRAY cmyk_row;  // one scanline, from libjpeg's image pool (freed by jpeg_destroy)
};

static void ims_jpeg_error_exit(j_common_ptr cinfo) {
    ims_jpeg_errors *errors = (ims_jpeg_errors *)cinfo->err;
    (*cinfo->err->format_message)(cinfo, errors->message);
    longjmp(errors->jump, 1);
}

// Whether the warning being emitted means image data is missing: the file ends early, or a scan
// meets the end of the image (EOI) before its last block. A scan that meets a restart marker or
// the next scan's markers early is damage libjpeg resynchronises on ("premature end of data
// segment" at RSTn, as in Pillow's hopper_bad_exif.jpg): the rest of the file decodes.
static int ims_jpeg_data_is_missing(j_common_ptr cinfo) {
    if (cinfo->err->msg_code == JWRN_JPEG_EOF) return 1;
    if (cinfo->err->msg_code != JWRN_HIT_MARKER || !cinfo->is_decompressor) return 0;
    return ((j_decompress_ptr)cinfo)->unread_marker == JPEG_EOI;
}

static void ims_jpeg_emit_message(j_common_ptr cinfo, int level) {
    ims_jpeg_errors *errors = (ims_jpeg_errors *)cinfo->err;
    if (level >= 0) return;  // trace messages
    // Recoverable damage is tolerated, as Pillow tolerates it; only running out of data stops
    // the decode (unless truncation is allowed), and its message is the one reported.
    int truncated = ims_jpeg_data_is_missing(cinfo);
    if (cinfo->err->num_warnings == 0 || truncated) (*cinfo->err->format_message)(cinfo, errors->message);
    cinfo->err->num_warnings++;
    if (errors->stop_on_truncation && truncated) longjmp(errors->jump, 1);
}

static void ims_jpeg_output_message(j_common_ptr cinfo) { (void)cinfo; }  // never print

static void ims_jpeg_limit_scans(j_common_ptr cinfo) {
    if (!cinfo->is_decompressor || ((j_decompress_ptr)cinfo)->input_scan_number <= IMS_JPEG_MAX_SCANS) return;
    ims_jpeg_errors *errors = (ims_jpeg_errors *)cinfo->err;
    errors->too_many_scans = 1;
    snprintf(errors->message, sizeof errors->message, "progressive JPEG image has more than %d scans",
             IMS_JPEG_MAX_SCANS);
    longjmp(errors->jump, 1);
}

static ims_status ims_jpeg_failure(ims_jpeg_reader *reader, char *message) {
    ims_copy_text(message, reader->errors.message);
    if (reader->errors.too_many_scans) return IMS_CORRUPT;
    if (reader->stream != NULL && reader->stream->read_failed) return IMS_FAILED;
    switch (reader->errors.manager.msg_code) {
    case JWRN_JPEG_EOF:
    case JWRN_HIT_MARKER:
        return IMS_TRUNCATED;
    case JERR_BAD_PRECISION:
    case JERR_SOF_UNSUPPORTED:
    case JERR_CONVERSION_NOTIMPL:
        return IMS_UNSUPPORTED;
    case JERR_OUT_OF_MEMORY:
        return IMS_FAILED;
    default:
        return IMS_CORRUPT;
    }
}

static void ims_stream_init(j_decompress_ptr cinfo) { (void)cinfo; }

static void ims_stream_term(j_decompress_ptr cinfo) { (void)cinfo; }

static boolean ims_stream_fill(j_decompress_ptr cinfo) {
    ims_jpeg_stream_source *source = (ims_jpeg_stream_source *)cinfo->src;
    long count = source->read(source->context, source->buffer, sizeof source->buffer);
    if (count < 0) {
        source->read_failed = 1;
        ERREXIT(cinfo, JERR_FILE_READ);
    }
    if (count == 0) {
        // The data ended early: warn as libjpeg's own sources do, and end the image.
        WARNMS(cinfo, JWRN_JPEG_EOF);
        source->buffer[0] = (JOCTET)0xFF;
        source->buffer[1] = (JOCTET)JPEG_EOI;
        count = 2;
    }
    source->manager.next_input_byte = source->buffer;
    source->manager.bytes_in_buffer = (size_t)count;
    return TRUE;
}

static void ims_stream_skip(j_decompress_ptr cinfo, long count) {
    struct jpeg_source_mgr *source = cinfo->src;
    if (count <= 0) return;
    while (count > (long)source->bytes_in_buffer) {
        count -= (long)source->bytes_in_buffer;
        (void)(*source->fill_input_buffer)(cinfo);
    }
    source->next_input_byte += count;
    source->bytes_in_buffer -= (size_t)count;
}

static ims_status ims_jpeg_open(const uint8_t *data, size_t size, ims_read_fn read, void *context,
                               int stop_on_truncation, ims_jpeg_reader **out_reader, ims_jpeg_header *header,
                               char *message) {
    *out_reader = NULL;
    ims_jpeg_reader *reader = calloc(1, sizeof *reader);
    if (reader == NULL) {
        ims_copy_text(message, "out of memory");
        return IMS_FAILED;
    }
    if (read != NULL) {
        reader->stream = calloc(1, sizeof *reader->stream);
        if (reader->stream == NULL) {
            free(reader);
            ims_copy_text(message, "out of memory");
            return IMS_FAILED;
        }
        reader->stream->read = read;
        reader->stream->context = context;
        reader->stream->manager.init_source = ims_stream_init;
        reader->stream->manager.fill_input_buffer = ims_stream_fill;
        reader->stream->manager.skip_input_data = ims_stream_skip;
        reader->stream->manager.resync_to_restart = jpeg_resync_to_restart;
        reader->stream->manager.term_source = ims_stream_term;
    }
    reader->cinfo.err = jpeg_std_error(&reader->errors.manager);
    reader->errors.manager.error_exit = ims_jpeg_error_exit;
    reader->errors.manager.emit_message = ims_jpeg_emit_message;
    reader->errors.manager.output_message = ims_jpeg_output_message;
    reader->errors.stop_on_truncation = stop_on_truncation;
    if (setjmp(reader->errors.jump)) {
        ims_status status = ims_jpeg_failure(reader, message);
        ims_jpeg_reader_destroy(reader);
        return status;
    }
    jpeg_create_decompress(&reader->cinfo);
    reader->created = 1;
    reader->progress.progress_monitor = ims_jpeg_limit_scans;
    reader->cinfo.progress = &reader->progress;
    if (reader->stream != NULL) {
        reader->cinfo.src = &reader->stream->manager;
    } else {
        jpeg_mem_src(&reader->cinfo, data, (unsigned long)size);
    }
    if (jpeg_read_header(&reader->cinfo, TRUE) != JPEG_HEADER_OK) {
        ims_copy_text(message, "the data holds tables but no image");
        ims_jpeg_reader_destroy(reader);
        return IMS_CORRUPT;
    }
    header->width = reader->cinfo.image_width;
    header->height = reader->cinfo.image_height;
    header->components = reader->cinfo.num_components;
    header->color_space = reader->cinfo.jpeg_color_space;
    header->progressive = reader->cinfo.progressive_mode ? 1 : 0;
    *out_reader = reader;
    return IMS_OK;
}

ims_status ims_jpeg_read_header(const uint8_t *data, size_t size, int stop_on_truncation, ims_jpeg_reader **out_reader,
                                ims_jpeg_header *header, char *message) {
    return ims_jpeg_open(data, size, NULL, NULL, stop_on_truncation, out_reader, header, message);
}

ims_status ims_jpeg_read_header_streaming(ims_read_fn read, void *context, int stop_on_truncation,
                                          ims_jpeg_reader **out_reader, ims_jpeg_header *header, char *message) {
    return ims_jpeg_open(NULL, 0, read, context, stop_on_truncation, out_reader, header, message);
}

ims_status ims_jpeg_start(ims_jpeg_reader *reader, int scale_num, int scale_denom, uint32_t *output_width,
                          uint32_t *output_height, int *channels, char *message) {
    if (reader->started || scale_num < 1 || scale_denom < 1) {
        ims_copy_text(message, "invalid arguments");
        return IMS_FAILED;
    }
    if (setjmp(reader->errors.jump)) {
        return ims_jpeg_failure(reader, message);
    }
    struct jpeg_decompress_struct *cinfo = &reader->cinfo;
    cinfo->scale_num = (unsigned int)scale_num;
    cinfo->scale_denom = (unsigned int)scale_denom;
    switch (cinfo->jpeg_color_space) {
    case JCS_GRAYSCALE:
        cinfo->out_color_space = JCS_GRAYSCALE;
        break;
    case JCS_CMYK:
    case JCS_YCCK:
        // libjpeg turns YCCK into CMYK; the CMYK -> RGB step is ours (Pillow's formula).
        cinfo->out_color_space = JCS_CMYK;
        reader->cmyk = 1;
        // Adobe writes CMYK inverted (Photoshop's convention); Pillow reads it as "CMYK;I".
        reader->inverted = cinfo->saw_Adobe_marker ? 1 : 0;
        break;
    default:
        cinfo->out_color_space = JCS_RGB;
        break;
    }
    jpeg_start_decompress(cinfo);
    reader->started = 1;
    if (reader->cmyk) {
        reader->cmyk_row = (*cinfo->mem->alloc_sarray)((j_common_ptr)cinfo, JPOOL_IMAGE,
                                                        cinfo->output_width * 4, 1);
    }
    *output_width = cinfo->output_width;
    *output_height = cinfo->output_height;
    *channels = reader->cmyk ? 3 : cinfo->output_components;
    return IMS_OK;
}

// (255 - C) * (255 - K) / 255 with Pillow's rounding (Convert.c cmyk2rgb, MULDIV255).
static inline uint8_t ims_cmyk_channel(unsigned int c, unsigned int k_complement) {
    unsigned int product = c * k_complement + 128;
    return (uint8_t)(k_complement - (((product >> 8) + product) >> 8));
}

static void ims_cmyk_to_rgb(const JSAMPLE *in, uint8_t *out, JDIMENSION width, int inverted) {
    unsigned int flip = inverted ? 255 : 0;
    for (JDIMENSION x = 0; x < width; x++, in += 4, out += 3) {
        unsigned int k_complement = 255 - (in[3] ^ flip);
        out[0] = ims_cmyk_channel(in[0] ^ flip, k_complement);
        out[1] = ims_cmyk_channel(in[1] ^ flip, k_complement);
        out[2] = ims_cmyk_channel(in[2] ^ flip, k_complement);
    }
}

ims_status ims_jpeg_read_pixels(ims_jpeg_reader *reader, uint8_t *pixels, size_t row_bytes, char *message) {
    if (!reader->started) {
        ims_copy_text(message, "ims_jpeg_start was not called");
        return IMS_FAILED;
    }
    if (setjmp(reader->errors.jump)) {
        return ims_jpeg_failure(reader, message);
    }
    struct jpeg_decompress_struct *cinfo = &reader->cinfo;
    while (cinfo->output_scanline < cinfo->output_height) {
        uint8_t *row = pixels + (size_t)cinfo->output_scanline * row_bytes;
        if (reader->cmyk) {
            jpeg_read_scanlines(cinfo, reader->cmyk_row, 1);
            ims_cmyk_to_rgb(reader->cmyk_row[0], row, cinfo->output_width, reader->inverted);
        } else {
            JSAMPROW rows[1] = {row};
            jpeg_read_scanlines(cinfo, rows, 1);
        }
    }
    jpeg_finish_decompress(cinfo);
    return IMS_OK;
}

void ims_jpeg_reader_destroy(ims_jpeg_reader *reader) {
    if (reader == NULL) return;
    if (reader->created) jpeg_destroy_decompress(&reader->cinfo);
    free(reader->stream);
    free(reader);
}
