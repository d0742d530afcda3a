import Files

/// What a multipart request carried: its text fields and its uploaded files.
///
/// ```swift
/// let form = try await MultipartFormParser.parse(body, contentType: type, contentLength: length)
/// let title = form.fields["title"]            // request.POST["title"]
/// let photo = form.files["photo"]             // request.FILES["photo"]
/// let pages = form.files.values(for: "page")  // request.FILES.getlist("page")
/// form.closeFiles()                           // temporary files are removed
/// ```
///
/// Files are `InMemoryUploadedFile`s or `TemporaryUploadedFile`s (or whatever custom handlers
/// return); a temporary file is removed when closed, or at the latest when the last reference goes.
///
/// The corresponding Django APIs are `request.POST` and `request.FILES`.
public struct FormData {
    /// The text fields, several values per name kept in order. The corresponding Django API is `request.POST`.
    public var fields = MultiValueDictionary<String>()
    /// The uploaded files, several per field kept in order. The corresponding Django API is `request.FILES`.
    public var files = MultiValueDictionary<UploadedFile>()

    /// An empty form.
    public init() {}

    /// Closes every file, which removes the temporary ones. Errors from closing are ignored.
    public func closeFiles() {
        for file in files.allValues { try? file.close() }
    }
}
