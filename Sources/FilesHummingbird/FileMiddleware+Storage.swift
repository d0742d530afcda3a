#if Hummingbird
public import Files
public import Hummingbird

extension FileMiddleware where Provider == StorageFileProvider {
    /// Serves the files of `storage` under `urlBasePath`, streamed, with the content types of Files'
    /// `MIMETypes` (so AVIF, HEIC and the rest are typed as `guessType(of:)` types them).
    ///
    /// ```swift
    /// router.add(middleware: FileMiddleware(storage: storage, urlBasePath: "/media"))
    /// ```
    ///
    /// Add it to the router (not to a group): `FileMiddleware` answers the requests no route matched.
    /// Cost: see ``StorageFileProvider``; one chunk of memory per response.
    public init(
        storage: any FileStorage, urlBasePath: String, cacheControl: CacheControl = .init([]),
        chunkSize: Int = StorageFileProvider.defaultChunkSize
    ) {
        let types = MIMETypes.typesByExtension.compactMapValues { MediaType(from: $0) }
        self = FileMiddleware(
            fileProvider: StorageFileProvider(storage: storage, chunkSize: chunkSize), urlBasePath: urlBasePath,
            cacheControl: cacheControl
        ).withAdditionalMediaTypes(forFileExtensions: types)
    }
}
#endif
