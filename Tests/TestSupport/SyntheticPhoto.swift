/// The smooth synthetic photo the variant, attachment and Fluent tests encode: red grows from left to
/// right, green from top to bottom, blue along the diagonal. Smooth, so JPEG compresses it as it does a
/// photo; different at every pixel, so a crop or a swapped width and height changes the result.
public enum SyntheticPhoto {
    /// Interleaved 8-bit RGB samples of a `width` × `height` photo. `diagonalStep` changes how fast blue
    /// cycles along x, for a second photo of the same size with other bytes.
    public static func rgbPixels(width: Int, height: Int, diagonalStep: Int = 1) -> [UInt8] {
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        for y in 0..<height {
            for x in 0..<width {
                let index = (y * width + x) * 3
                pixels[index] = UInt8(x * 255 / width)
                pixels[index + 1] = UInt8(y * 255 / height)
                pixels[index + 2] = UInt8((x * diagonalStep + y) % 256)
            }
        }
        return pixels
    }
}
