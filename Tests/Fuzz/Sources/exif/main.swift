// libFuzzer target: the EXIF reader, through the probe (it reads orientation from APP1).
// An input that starts like a JPEG is probed as it is; anything else is taken as the
// payload of an APP1 Exif segment (a TIFF header and IFDs) inside a minimal JPEG.
import FuzzSupport
import ImagingChecks

/// SOI, then the APP1 goes here, then a valid 8x8 grey baseline JPEG from its DQT on.
let jpegHead: [UInt8] = [0xFF, 0xD8]

runFuzzTarget { data, size in
    var bytes = fuzzBytes(data, size)
    if !bytes.starts(with: [0xFF, 0xD8]) {
        let payload = Array(("Exif\0\0").utf8) + bytes.prefix(65_000)
        let length = payload.count + 2
        bytes = jpegHead + [0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + payload + tinyJPEGBody
    }
    ImagingChecks.probe(bytes)
    return 0
}
