// The names this package is moving to. `File` and `Storage` collide with Vapor's own types, so an
// app that imports both had to qualify them; `FileObject` and `FileStorage` do not.

/// Django's `File`: a named file over a ``ByteStream``. See ``File``.
public typealias FileObject = File

/// Django's `Storage`: where files are saved, opened, listed and deleted. See ``Storage``.
public typealias FileStorage = Storage
