// libFuzzer target: the EXIF reader. An input that starts like a JPEG is used as it is;
// anything else becomes the payload (TIFF header and IFDs) of an APP1 Exif segment in front
// of a 16 x 8 JPEG. The probe reads the orientation; a decode with orientation applied must
// come out at the probe's displayed size (for frames up to 64 K pixels).
import FuzzSupport
import Imaging
import ImagingChecks

runFuzzTarget { data, size in
    var bytes = fuzzBytes(data, size)
    if !bytes.starts(with: [0xFF, 0xD8]) {
        let payload = Array("Exif\0\0".utf8) + bytes.prefix(65_000)
        let length = payload.count + 2
        bytes = [0xFF, 0xD8, 0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + payload + tinyJPEGBody
    }
    // Decoding is only for the orientation check; big frames (the corpus photos' headers) would
    // make each run a full-size decode, so they are probed only.
    guard let info = ImagingChecks.probe(bytes), info.width * info.height <= 1 << 16 else { return 0 }
    let options = DecodingOptions(maximumPixelCount: ImagingChecks.pixelLimit, allowTruncated: true)
    if let image = ImagingChecks.decode(bytes, options: options) {
        precondition(image.size == info.displaySize, "probe displays \(info.displaySize), decode gives \(image.size)")
    }
    return 0
}
