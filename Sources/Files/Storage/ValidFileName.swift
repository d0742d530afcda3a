/// Django's `django.utils.text.get_valid_filename`: `name` trimmed, spaces made underscores, and every
/// character other than a Unicode letter or digit, `_`, `-` or `.` removed; `nil` when nothing usable is
/// left (`""`, `.` or `..`).
///
/// Works on Unicode scalars, like Python's `re` on `str`: `é` (one scalar) stays, while the combining
/// accent of a decomposed `e\u{301}` goes, as Python's `\w` does not match combining marks.
func validFileName(_ name: String) -> String? {
    let trimmed = name.unicodeScalars.drop(while: \.properties.isWhitespace).reversed()
        .drop(while: \.properties.isWhitespace).reversed()
    let kept = trimmed.compactMap { scalar -> Unicode.Scalar? in
        if scalar == " " { return "_" }
        return scalar.isFileNameCharacter ? scalar : nil
    }
    let result = String(scalars: kept)
    return PathSyntax.isDotOrEmpty(result) ? nil : result
}

extension Unicode.Scalar {
    /// Python's `[-\w.]` for one code point: letters and numbers of every script, `_`, `-` and `.`.
    fileprivate var isFileNameCharacter: Bool {
        if self == "_" || self == "-" || self == "." { return true }
        switch properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }
}
