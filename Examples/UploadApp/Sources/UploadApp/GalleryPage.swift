import DirectUploads
import Foundation
import Imaging
import Synchronization

/// The one HTML page: the upload form, an error message when the last upload failed, and the
/// gallery, newest first, each photo with a delete button. Plain HTML and CSS, readable on a phone;
/// no script but one line that labels a direct upload with its file's type.
struct GalleryPage {
    var photos: [PhotoJSON]
    var error: String?
    /// With direct uploads: the form that posts straight to the bucket.
    var directUpload: DirectUpload?
    /// The link to the next page of older photos, when there are more than the page shows.
    var olderPhotos: String?

    var html: String {
        """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Photos</title>
        <style>
        body { font: 16px/1.4 system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem; color: #222; }
        h1 { font-size: 1.5rem; margin: 0 0 1rem; }
        form { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; padding: 1rem;
               background: #f3f4f6; border-radius: .5rem; }
        input[type=file] { flex: 1 1 14rem; }
        button { font: inherit; padding: .5rem 1.25rem; border: 0; border-radius: .375rem;
                 background: #2563eb; color: #fff; }
        .error { margin: 1rem 0; padding: .75rem 1rem; border-radius: .375rem;
                 background: #fee2e2; color: #991b1b; }
        .gallery { list-style: none; padding: 0; margin: 1rem 0; display: grid; gap: 1rem;
                   grid-template-columns: repeat(auto-fill, minmax(min(100%, 16rem), 1fr)); }
        .gallery li { background: #f9fafb; border-radius: .5rem; padding: .5rem; }
        .gallery img.small { display: block; margin: 0 auto; max-width: 100%; height: auto; }
        .gallery .meta { display: flex; gap: .5rem; align-items: center; margin-top: .5rem; font-size: .875rem; }
        .gallery img.avatar { width: 3rem; height: 3rem; border-radius: 50%; }
        .gallery form.delete { margin-left: auto; padding: 0; background: none; }
        .gallery form.delete button { padding: .25rem .75rem; background: #dc2626; }
        .empty { color: #6b7280; }
        .older { text-align: center; }
        </style>
        </head>
        <body>
        <h1>Photos</h1>
        \(uploadForm)
        \(errorBlock)
        \(galleryBlock)
        </body>
        </html>

        """
    }

    /// The upload form: to the server's `POST /photos`, or straight to the bucket with the policy's
    /// fields, the file last (S3 ignores the fields after it).
    private var uploadForm: String {
        guard let directUpload else {
            return """
                <form method="post" action="/photos" enctype="multipart/form-data">
                <input type="file" name="\(UploadApp.fieldName)" accept="image/*" required>
                <button type="submit">Upload</button>
                </form>
                """
        }
        var html = "<form method=\"post\" action=\"\(HTML.escaped(directUpload.post.url))\" "
        html += "enctype=\"multipart/form-data\" id=\"direct-upload\">\n"
        for (name, value) in directUpload.post.fields.sorted(by: { $0.key < $1.key }) {
            html += "<input type=\"hidden\" name=\"\(HTML.escaped(name))\" value=\"\(HTML.escaped(value))\">\n"
        }
        // The policy wants an image/ type; the browser knows the file's, a form without script sends JPEG's.
        html += "<input type=\"hidden\" name=\"Content-Type\" value=\"image/jpeg\" id=\"content-type\">\n"
        html += "<input type=\"file\" name=\"file\" accept=\"image/*\" required onchange=\""
        html += "if (this.files[0] && this.files[0].type.startsWith('image/')) "
        html += "document.getElementById('content-type').value = this.files[0].type\">\n"
        html += "<button type=\"submit\">Upload</button>\n</form>"
        return html
    }

    private var errorBlock: String {
        guard let error else { return "" }
        return "<p class=\"error\" id=\"error\" role=\"alert\">\(HTML.escaped(error))</p>"
    }

    private var galleryBlock: String {
        guard !photos.isEmpty else { return "<p class=\"empty\">No photos yet.</p>" }
        let items = photos.map(item).joined(separator: "\n")
        var html = "<ul class=\"gallery\" id=\"gallery\">\n\(items)\n</ul>"
        if let olderPhotos {
            html += "\n<p class=\"older\"><a id=\"older\" href=\"\(HTML.escaped(olderPhotos))\">Older photos</a></p>"
        }
        return html
    }

    private func item(_ photo: PhotoJSON) -> String {
        let title = HTML.escaped(photo.name.split(separator: "/").last.map(String.init) ?? photo.name)
        var html = "<li><a href=\"\(HTML.escaped(photo.url))\">"
        if let small = photo.thumbnails["small"] {
            html += "<img class=\"small\" src=\"\(HTML.escaped(small.url))\" width=\"\(small.width)\" "
            // Until the thumbnail loads, its ThumbHash shows through as the background.
            if let placeholder = Self.placeholderURL(photo.thumbhash) {
                html += "style=\"background: url(\(placeholder)) center / cover no-repeat\" "
            }
            html += "height=\"\(small.height)\" alt=\"\(title)\">"
        }
        html += "</a><div class=\"meta\">"
        if let avatar = photo.thumbnails["avatar"] {
            html += "<img class=\"avatar\" src=\"\(HTML.escaped(avatar.url))\" alt=\"\">"
        }
        html += "<span>\(title) · \(photo.width) × \(photo.height)</span>"
        if let id = photo.id {
            html += "<form class=\"delete\" method=\"post\" action=\"/photos/\(id)/delete\">"
            html += "<button type=\"submit\" aria-label=\"Delete \(title)\">Delete</button></form>"
        }
        html += "</div></li>"
        return html
    }
}

extension GalleryPage {
    /// The ThumbHash `base64` rendered as a PNG `data:` URL (about 1 kB); `nil` for no or a bad hash.
    ///
    /// A hash renders to the same URL every time, and every page shows every photo's: rendering
    /// (a decode to 32 px and a PNG encode, about 0.1 ms) is done once per hash and remembered, up to
    /// ``placeholderMemoLimit`` hashes, so a page of hundreds of photos costs lookups.
    static func placeholderURL(_ base64: String?) -> String? {
        guard let base64 else { return nil }
        if let known = placeholderMemo.withLock({ $0[base64] }) { return known }
        guard let data = Data(base64Encoded: base64), let hash = try? ThumbHash(bytes: [UInt8](data)),
            let png = try? hash.decoded().encoded(as: .png())
        else { return nil }
        let url = "data:image/png;base64," + Data(png).base64EncodedString()
        placeholderMemo.withLock { memo in
            if memo.count >= placeholderMemoLimit { memo.removeAll(keepingCapacity: true) }
            memo[base64] = url
        }
        return url
    }

    /// How many rendered placeholders are remembered (about 1 kB each) before the memo starts over.
    static let placeholderMemoLimit = 4096

    private static let placeholderMemo = Mutex<[String: String]>([:])
}

/// Text made safe for HTML content and attribute values.
enum HTML {
    static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
