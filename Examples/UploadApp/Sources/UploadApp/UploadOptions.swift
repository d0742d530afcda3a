import ArgumentParser
import Foundation

/// The flags every upload server takes, parsed with swift-argument-parser.
///
/// ```swift
/// struct Serve: AsyncParsableCommand {
///     @OptionGroup var options: UploadOptions
///     func run() async throws {
///         let app = try await UploadApp(options: options)
///         …  // listen on options.host:options.port
///     }
/// }
/// ```
///
/// Without `--s3-bucket` the media live in a `FileSystemStorage` at `--media-root`, which needs nothing
/// installed. The S3 flags are read here so that every server spells them the same way; credentials
/// come from the `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` / `AWS_SESSION_TOKEN` environment.
public struct UploadOptions: ParsableArguments, Sendable {
    /// The address to listen on.
    @Option(help: "The address to listen on.")
    public var host = "127.0.0.1"

    /// The TCP port to listen on.
    @Option(help: "The TCP port to listen on.")
    public var port = 8080

    /// The directory of the file-system storage (originals and thumbnails).
    @Option(help: "The directory the photos and their thumbnails are stored in.")
    public var mediaRoot = "./media"

    /// The gallery's database: `sqlite:PATH` or `postgres://user:pass@host/db`; `nil` is an SQLite file
    /// beside the media root (``DatabaseChoice/beside(mediaRoot:)``).
    @Option(
        help:
            "The gallery's database: sqlite:PATH or postgres://user:pass@host/db (default: sqlite:<media-root>.sqlite)."
    )
    public var database: String?

    /// The largest photo accepted, in bytes; a larger one is answered with 413.
    @Option(help: "The largest photo accepted, in bytes (413 above it).")
    public var maxFileSize = UploadApp.defaultMaximumFileSize

    /// How many uploads are received and processed at once; the others wait in arrival order.
    /// `0` means no limit.
    @Option(
        help:
            "Uploads received and processed at once, the rest waiting in arrival order (default: the number of cores; 0: no limit)."
    )
    public var uploadConcurrency = ProcessInfo.processInfo.activeProcessorCount

    /// The key signing the thumbnails' `/media/v/…` URLs, in hex; `nil` draws one at start-up (the
    /// URLs then change when the server restarts).
    @Option(help: "The key (hex) signing the /media/v/ thumbnail URLs (default: a random one per start).")
    public var urlSigningKey: String?

    /// The largest size a signed `/media/v/<signature>/fit-WxH/…` or `fill-WxH` URL may name instead of
    /// a spec, `WIDTHxHEIGHT`; `nil`: only the app's specs (``FreeFormSizes``).
    @Option(help: "Allow signed thumbnail URLs naming a size (fit-WxH, fill-WxH) up to WIDTHxHEIGHT (default: off).")
    public var freeFormSizes: String?

    /// An S3 bucket to store the media in instead of `mediaRoot`.
    @Option(help: "Store the media in this S3 bucket instead of --media-root (credentials from AWS_*).")
    public var s3Bucket: String?

    /// The S3 endpoint, for an S3-compatible server (MinIO, moto).
    @Option(help: "The S3 endpoint URL, for an S3-compatible server.")
    public var s3Endpoint: String?

    /// The S3 region (default: `AWS_REGION`, then us-east-1).
    @Option(help: "The S3 region (default: AWS_REGION, then us-east-1).")
    public var s3Region: String?

    /// Whether the page's form posts the photo straight to the bucket (S3 storage only): the server
    /// then receives no photo bytes from the browser, only the finalize request S3 redirects it to.
    @Flag(
        help: "The page's form posts photos straight to the S3 bucket, which redirects to the server (S3 only).")
    public var directUploads = false

    /// The server's URL as browsers reach it, for S3's redirect after a direct upload; `nil` is
    /// `http://<host>:<port>`.
    @Option(
        help: "The server's URL for browsers, where S3 redirects after a direct upload (default: http://host:port).")
    public var publicURL: String?

    /// The flags' defaults.
    public init() {}
}
