#if HEIF
internal import CHeif

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// libheif, opened with `dlopen` on the first HEIF, HEIC or AVIF image of the process.
///
/// Linking libheif would load it and the codecs it links (libde265, libx265, libaom, libdav1d,
/// libstdc++) into every process that imports Imaging and run their initialisers, about 3 ms of
/// start-up (Documentation/Performance.md, "Start-up: libheif loaded on first use") for a process
/// that only ever meets JPEGs. So nothing links it: the decoder and the AVIF encoder ask
/// ``functions(for:)`` for the table of the functions they call, which is resolved once per
/// process (a `static let`, so the first callers of any thread wait for the one load). When the
/// library cannot be opened, or lacks a function, every use throws
/// ``ImagingError/unsupported(_:feature:)`` whose feature is ``unloadable(reason:)``'s clause, as
/// for a codec libheif has no plugin for.
struct HEIFLibrary: @unchecked Sendable {  // C function pointers: no state to race on
    /// The file name `dlopen` looks up (the soname of libheif 1.x, Debian package libheif1).
    static let fileName = "libheif.so.1"

    /// The resolved functions.
    let functions: cheif_functions

    /// The load of this process, done on first use and never undone.
    private static let shared: Result<HEIFLibrary, LoadingFailure> = load(fileName).map { library in
        // Registers libheif's decoder and encoder plugins; its outcome is not ours to judge, as the
        // built-in codecs work without them and a missing codec is reported when it is needed.
        _ = library.functions.initialize(nil)
        return library
    }

    /// The function table, loading libheif on the first call.
    ///
    /// - Throws: ``ImagingError/unsupported(_:feature:)`` naming `format` when libheif could not be
    ///   loaded.
    static func functions(for format: ImageFormat) throws(ImagingError) -> cheif_functions {
        switch shared {
        case .success(let library): return library.functions
        case .failure(let failure): throw .unsupported(format, feature: unloadable(reason: failure.reason))
        }
    }

    /// The clause an unloadable libheif is reported with: the file, the loader's reason, the package.
    static func unloadable(reason: String) -> String {
        "\(fileName) could not be loaded: \(reason); install libheif (Debian package libheif1)"
    }

    /// Whether libheif is loaded (loading it if no one has tried yet).
    static var isLoaded: Bool {
        if case .success = shared { return true }
        return false
    }

    /// Opens `fileName` and resolves every function of ``functions``; the handle stays open for the
    /// process's life. Separate from ``shared`` so that a test can load a library that is not there.
    static func load(_ fileName: String) -> Result<HEIFLibrary, LoadingFailure> {
        guard let handle = dlopen(fileName, RTLD_NOW | RTLD_LOCAL) else { return .failure(.lastError()) }
        func symbol<Function>(_ name: String) throws(LoadingFailure) -> Function {
            guard let address = dlsym(handle, name) else { throw .lastError() }
            return unsafeBitCast(address, to: Function.self)
        }
        do throws(LoadingFailure) {
            let functions = try cheif_functions(
                initialize: symbol("heif_init"),
                context_alloc: symbol("heif_context_alloc"),
                context_free: symbol("heif_context_free"),
                context_set_maximum_image_size_limit: symbol("heif_context_set_maximum_image_size_limit"),
                context_read_from_memory_without_copy: symbol("heif_context_read_from_memory_without_copy"),
                context_get_primary_image_handle: symbol("heif_context_get_primary_image_handle"),
                image_handle_release: symbol("heif_image_handle_release"),
                image_handle_get_width: symbol("heif_image_handle_get_width"),
                image_handle_get_height: symbol("heif_image_handle_get_height"),
                image_handle_get_color_profile_type: symbol("heif_image_handle_get_color_profile_type"),
                image_handle_get_raw_color_profile_size: symbol("heif_image_handle_get_raw_color_profile_size"),
                image_handle_get_raw_color_profile: symbol("heif_image_handle_get_raw_color_profile"),
                decode_image: symbol("heif_decode_image"),
                image_release: symbol("heif_image_release"),
                image_get_width: symbol("heif_image_get_width"),
                image_get_height: symbol("heif_image_get_height"),
                image_get_plane_readonly: symbol("heif_image_get_plane_readonly"),
                have_encoder_for_format: symbol("heif_have_encoder_for_format"),
                context_get_encoder_for_format: symbol("heif_context_get_encoder_for_format"),
                encoder_release: symbol("heif_encoder_release"),
                encoder_set_lossy_quality: symbol("heif_encoder_set_lossy_quality"),
                image_create: symbol("heif_image_create"),
                image_add_plane: symbol("heif_image_add_plane"),
                image_get_plane: symbol("heif_image_get_plane"),
                image_set_raw_color_profile: symbol("heif_image_set_raw_color_profile"),
                context_encode_image: symbol("heif_context_encode_image"),
                context_write: symbol("heif_context_write"))
            return .success(HEIFLibrary(functions: functions))
        } catch {
            dlclose(handle)
            return .failure(error)
        }
    }

    /// Why `dlopen` or `dlsym` failed: the loader's own message.
    struct LoadingFailure: Error {
        let reason: String

        static func lastError() -> LoadingFailure {
            LoadingFailure(reason: dlerror().map { String(cString: $0) } ?? "the dynamic loader gave no reason")
        }
    }
}
#endif
