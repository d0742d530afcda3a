// zlib's inflate with a hard output limit, for the compressed PNG chunks the Swift header parser
// reads (iCCP profiles, zTXt/iTXt metadata). See ImagingShims.h for the contract.
#include "ImagingShims.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

ims_status ims_inflate(const uint8_t *data, size_t size, size_t limit, uint8_t **out_bytes, size_t *out_size) {
    *out_bytes = NULL;
    *out_size = 0;
    z_stream stream;
    memset(&stream, 0, sizeof stream);
    if (inflateInit(&stream) != Z_OK) return IMS_FAILED;
    // Grow by doubling from a small start, never past limit + 1 (the extra byte detects "over").
    size_t capacity = limit < 4096 ? limit + 1 : 4096;
    uint8_t *bytes = malloc(capacity);
    if (bytes == NULL) {
        inflateEnd(&stream);
        return IMS_FAILED;
    }
    stream.next_in = (Bytef *)data;
    size_t consumed = 0;
    size_t produced = 0;
    int status = Z_OK;
    while (status == Z_OK) {
        if (produced == capacity) {
            if (capacity > limit) break;  // limit + 1 bytes produced: over the limit
            size_t next = capacity * 2 > limit + 1 ? limit + 1 : capacity * 2;
            uint8_t *grown = realloc(bytes, next);
            if (grown == NULL) {
                free(bytes);
                inflateEnd(&stream);
                return IMS_FAILED;
            }
            bytes = grown;
            capacity = next;
        }
        // zlib counts in uInt; hand over at most 1 GiB at a time.
        size_t in_chunk = size - consumed > (1u << 30) ? (1u << 30) : size - consumed;
        size_t out_chunk = capacity - produced > (1u << 30) ? (1u << 30) : capacity - produced;
        stream.next_in = (Bytef *)data + consumed;
        stream.avail_in = (uInt)in_chunk;
        stream.next_out = bytes + produced;
        stream.avail_out = (uInt)out_chunk;
        status = inflate(&stream, Z_NO_FLUSH);
        consumed += in_chunk - stream.avail_in;
        produced += out_chunk - stream.avail_out;
        if (status == Z_BUF_ERROR && stream.avail_out > 0) break;  // no progress: the input ran out
        if (status == Z_BUF_ERROR) status = Z_OK;
    }
    inflateEnd(&stream);
    if (status != Z_STREAM_END) {
        free(bytes);
        return produced > limit ? IMS_UNSUPPORTED : IMS_CORRUPT;
    }
    *out_bytes = bytes;
    *out_size = produced;
    return IMS_OK;
}
