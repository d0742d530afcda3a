// `import Bridge` brings Imaging's types (`Image`, `Size`, `ImageEncoding`) with it, since every Bridge
// API speaks them. Files is not re-exported: its `FileObject` would be ambiguous beside Vapor's in an app that
// imports both, so an app names `import Files` itself (and qualifies nothing).
@_exported import Imaging
