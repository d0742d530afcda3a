import FuzzSupport
import Imaging

runFuzzTarget { data, size in
    let bytes = fuzzBytes(data, size)
    if ImageFormat(detecting: bytes) == .png, bytes.count > 9, bytes[8] == 0x42, bytes[9] == 0x4F { fatalError("toy") }
    return 0
}
