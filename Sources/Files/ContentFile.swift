#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A file whose content lives in memory: Django's `ContentFile`.
///
/// ```swift
/// let file = ContentFile("Hello, world\n", name: "hello.txt")
/// try storage.save(file)
/// ```
///
/// Text is stored as UTF-8 and ``FileObject/size`` counts **bytes**: `ContentFile("español").size` is 8,
/// where Django's `str` content counts 7 code points. That is the number a storage writes to disk.
/// ``close()`` does nothing and ``open(mode:)`` only rewinds, so the file stays usable after
/// `use(_:)`. A `ContentFile` is always "truthy" in Django 6.1, even when empty or unnamed.
///
/// The corresponding Django API is `django.core.files.base.ContentFile(content, name=None)`.
open class ContentFile: FileObject {
    /// A file holding `data`, positioned at the start. The corresponding Django API is `ContentFile(bytes)`.
    public init(_ data: Data, name: String? = nil) {
        super.init(MemoryStream(data), name: name)
    }

    /// A file holding the UTF-8 bytes of `text`. The corresponding Django API is `ContentFile(str)`.
    public convenience init(_ text: String, name: String? = nil) {
        self.init(Data(text.utf8), name: name)
    }

    /// `"Raw content"`. The corresponding Django API is `ContentFile.__str__`.
    open override var description: String { "Raw content" }

    /// Writes at the current position and forgets the cached size, so ``FileObject/size`` is measured again.
    ///
    /// The corresponding Django API is `ContentFile.write(data)`.
    @discardableResult
    open override func write(_ data: Data) throws(FileError) -> Int {
        forgetSize()
        return try super.write(data)
    }

    /// Rewinds and returns `self`; `mode` is ignored and nothing is ever reopened from disk.
    ///
    /// The corresponding Django API is `ContentFile.open(mode=None)`.
    @discardableResult
    open override func open(mode: FileMode? = nil) throws(FileError) -> Self {
        try seek(to: 0)
        return self
    }

    /// Does nothing: the content stays readable. The corresponding Django API is `ContentFile.close()`.
    open override func close() {}
}
