// libFuzzer target: the EXIF reader. An input that starts like a JPEG is used as it is;
// anything else becomes the payload (TIFF header and IFDs) of an APP1 Exif segment in front
// of a 16 x 8 JPEG. The probe reads the orientation; a decode with orientation applied must
// come out at the probe's displayed size.
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
    guard let info = ImagingChecks.probe(bytes) else { return 0 }
    let options = DecodingOptions(maximumPixelCount: ImagingChecks.pixelLimit, allowTruncated: true)
    if let image = ImagingChecks.decode(bytes, options: options) {
        precondition(image.size == info.displaySize, "probe displays \(info.displaySize), decode gives \(image.size)")
    }
    return 0
}
