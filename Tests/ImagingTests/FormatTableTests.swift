import Imaging
import Testing

/// Each format's extensions, content type and default encoding live in one table (`ImageFormat`).
@Suite struct FormatTableTests {
    @Test(arguments: ImageFormat.allCases)
    func everyExtensionNamesItsFormatInAnyCase(_ format: ImageFormat) {
        #expect(format.fileExtensions.first == format.fileExtension)
        for fileExtension in format.fileExtensions {
            #expect(ImageFormat(fileExtension: fileExtension) == format)
            #expect(ImageFormat(fileExtension: "." + fileExtension.uppercased()) == format)
        }
    }

    @Test func noExtensionNamesTwoFormats() {
        let all = ImageFormat.allCases.flatMap(\.fileExtensions)
        #expect(Set(all).count == all.count)
        #expect(ImageFormat(fileExtension: "txt") == nil)
        #expect(ImageFormat(fileExtension: "") == nil)
        #expect(ImageFormat(fileExtension: ".") == nil)
    }

    @Test func theEncodableFormatsAreThoseImageEncodingWrites() {
        let encodable = ImageFormat.allCases.filter { $0.defaultEncoding != nil }
        #expect(encodable == [.jpeg, .png, .webp, .avif])
        for format in encodable { #expect(format.defaultEncoding?.format == format) }
    }
}
