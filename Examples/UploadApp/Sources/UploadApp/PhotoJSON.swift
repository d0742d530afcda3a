/// The JSON an upload answers with (and the gallery is drawn from): the original and its thumbnails,
/// with the sizes as displayed (EXIF-oriented) and the storage's URLs.
///
/// ```json
/// {"id": 3, "name": "photos/cat.jpg", "url": "/media/photos/cat.jpg", "width": 3024, "height": 4032,
///  "thumbnails": {"small": {"name": "…", "url": "…", "width": 192, "height": 256}, "avatar": {…}}}
/// ```
public struct PhotoJSON: Codable, Sendable, Equatable {
    /// One stored image: its storage name, URL and pixel size.
    public struct Image: Codable, Sendable, Equatable {
        /// The storage name.
        public var name: String
        /// The URL to fetch it from (the storage's: `/media/…`, or a presigned S3 URL).
        public var url: String
        /// The displayed width in pixels.
        public var width: Int
        /// The displayed height in pixels.
        public var height: Int

        /// An image record.
        public init(name: String, url: String, width: Int, height: Int) {
            self.name = name
            self.url = url
            self.width = width
            self.height = height
        }
    }

    /// The gallery row's id (`DELETE /photos/{id}`).
    public var id: Int?
    /// The original's storage name.
    public var name: String
    /// The original's URL.
    public var url: String
    /// The original's displayed width.
    public var width: Int
    /// The original's displayed height.
    public var height: Int
    /// The thumbnails by spec name: `small` and `avatar`.
    public var thumbnails: [String: Image]
    /// The ThumbHash of the photo, in standard base64 (from its `small` thumbnail).
    public var thumbhash: String?
    /// The BlurHash of the photo.
    public var blurhash: String?

    /// A photo record.
    public init(id: Int? = nil, name: String, url: String, width: Int, height: Int, thumbnails: [String: Image]) {
        self.id = id
        self.name = name
        self.url = url
        self.width = width
        self.height = height
        self.thumbnails = thumbnails
    }
}
