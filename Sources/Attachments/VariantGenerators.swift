import Bridge
import Files
import Synchronization

/// One ``Bridge/VariantGenerator`` per storage, so that concurrent first requests for a variant share
/// one generation (its single-flight works within one generator).
final class VariantGenerators: Sendable {
    static let shared = VariantGenerators()

    private let generators = Mutex<[String: VariantGenerator]>([:])

    func generator(for name: String, storage: any FileStorage) -> VariantGenerator {
        generators.withLock { generators in
            if let generator = generators[name] { return generator }
            let generator = VariantGenerator(storage: storage)
            generators[name] = generator
            return generator
        }
    }

    /// Drops the generator of a storage that was replaced.
    func forget(_ name: String) {
        _ = generators.withLock { $0.removeValue(forKey: name) }
    }
}
