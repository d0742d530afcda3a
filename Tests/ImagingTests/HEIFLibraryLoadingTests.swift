#if HEIF
import Testing

@testable import Imaging

/// libheif is opened with `dlopen` on first use (`HEIFLibrary`); a library that cannot be opened, or
/// lacks a function Imaging calls, is a typed error naming the library and the loader's reason.
@Suite struct HEIFLibraryLoadingTests {
    @Test func aLibraryThatIsNotThereIsAFailureWithTheLoadersReason() {
        guard case .failure(let failure) = HEIFLibrary.load("libheif-not-installed.so.1") else {
            Issue.record("a library that does not exist was loaded")
            return
        }
        #expect(failure.reason.contains("libheif-not-installed.so.1"), "\(failure.reason)")
    }

    /// zlib is loaded (the PNG header parser links it) but has none of libheif's functions.
    @Test func aLibraryWithoutLibheifsFunctionsIsAFailureNamingTheFirstMissing() {
        guard case .failure(let failure) = HEIFLibrary.load("libz.so.1") else {
            Issue.record("zlib passed for libheif")
            return
        }
        #expect(failure.reason.contains("heif_init"), "\(failure.reason)")
    }

    @Test func theInstalledLibheifLoads() {
        #expect(HEIFLibrary.isLoaded)
    }

    @Test func theErrorNamesTheLibraryTheReasonAndThePackage() {
        let reason = "libheif.so.1: cannot open shared object file: No such file or directory"
        let error = ImagingError.unsupported(.heic, feature: HEIFLibrary.unloadable(reason: reason))
        #expect(
            error.reason
                == "unsupported HEIC image: libheif.so.1 could not be loaded: \(reason); install libheif (Debian package libheif1)"
        )
    }
}
#endif
