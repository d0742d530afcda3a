/// A channel count known at compile time, so that generic pixel loops are
/// specialised per layout and their per-channel inner loops fully unrolled.
protocol ChannelCount {
    static var value: Int { get }
}

enum OneChannel: ChannelCount { static var value: Int { 1 } }
enum TwoChannels: ChannelCount { static var value: Int { 2 } }
enum ThreeChannels: ChannelCount { static var value: Int { 3 } }
enum FourChannels: ChannelCount { static var value: Int { 4 } }
