// The names this package used before 0.2. `File` and `Storage` collided with Vapor's own types, so an
// app that imported both had to qualify every use; the aliases keep old code compiling for one release.

/// The former name of ``FileObject``.
@available(*, deprecated, renamed: "FileObject", message: "renamed so that it does not collide with Vapor's File")
public typealias File = FileObject

/// The former name of ``FileStorage``.
@available(*, deprecated, renamed: "FileStorage", message: "renamed so that it does not collide with Vapor's Storage")
public typealias Storage = FileStorage
