import ArgumentParser
import Bridge
import Files

extension ThumbnailCommand {
    /// --storage, --spec and --prefix go together and replace INPUT files.
    func validateVariantOptions() throws {
        guard storageRoot != nil else {
            if spec != nil || prefix != nil { throw ValidationError("--spec and --prefix need --storage.") }
            return
        }
        guard let spec else { throw ValidationError("--storage needs --spec, the name of the variants to make.") }
        guard inputs.isEmpty else { throw ValidationError("Give either INPUT files or --storage, not both.") }
        do {
            _ = try variantSpec(named: spec)
        } catch {
            throw ValidationError("\(error)")
        }
    }

    /// The spec the options describe: the box, --fit, --format (JPEG by default) and --quality.
    func variantSpec(named name: String) throws(ImageSpecError) -> ImageSpec {
        let encoding: ImageEncoding =
            switch format {
            case .png: .png()
            case .webp: quality.map { .webp(quality: $0) } ?? .webp()
            case .avif: quality.map { .avif(quality: $0) } ?? .avif()
            case .jpeg, nil: quality.map { .jpeg(quality: $0) } ?? .jpeg()
            }
        let shape: ImageSpec.Shape = fit == .cover ? .filling(box) : .fitting(box)
        return try ImageSpec(name, shape: shape, format: encoding)
    }

    func runVariants(in root: String) async throws {
        let run = VariantRun(
            storage: FileSystemStorage(location: root), prefix: prefix ?? "",
            spec: try variantSpec(named: spec ?? ""), jobs: jobs,
            options: DecodingOptions(colorProfile: colorProfile.handling))
        var progress = ProgressDisplay()
        do {
            if try await !run.run(progress: &progress) { throw ExitCode.failure }
        } catch let error as StorageError {
            Console.error("\(error)")
            throw ExitCode.failure
        }
    }
}
