/// An in-memory backend for tests: a fixed-size screen, scripted keys, and every frame kept.
///
/// `readKey` takes the next scripted input; a scripted resize changes `size`
/// and is reported as `.resize`. When the script is used up `readKey` returns
/// Ctrl-C (and says so in `ranOut`): a run loop driven by a script that
/// forgot to quit ends instead of waiting for ever.
public struct HeadlessBackend: Backend, Hashable, Sendable {
    /// One scripted input.
    public enum Input: Hashable, Sendable {
        /// A key press.
        case key(Key)
        /// The terminal becomes this size (read as a `.resize` key).
        case resize(Size)
        /// No key comes before the wait ends (read as nil, as a run loop's timeout).
        case timeout
    }

    /// The current screen size.
    public private(set) var size: Size
    /// Every frame drawn, oldest first.
    public private(set) var frames: [Grid]
    /// Inputs not yet read.
    public private(set) var pending: [Input]
    /// True between `start` and `stop`.
    public private(set) var isStarted: Bool
    /// How many times `stop` ran after a `start` (tests check the terminal would be restored).
    public private(set) var stopCount: Int

    /// Creates a backend of `size` that will read `keys` in order.
    public init(size: Size = .standard, keys: [Key] = []) {
        self.init(size: size, script: keys.map { Input.key($0) })
    }

    /// Creates a backend of `size` that will read the scripted inputs in order.
    public init(size: Size = .standard, script: [Input]) {
        self.size = size
        self.frames = []
        self.pending = script
        self.isStarted = false
        self.stopCount = 0
    }

    /// The most recent frame, if any.
    public var lastFrame: Grid? { frames.last }

    /// Adds keys to the end of the script.
    public mutating func enqueue(_ keys: [Key]) {
        pending.append(contentsOf: keys.map { Input.key($0) })
    }

    /// Adds one scripted input to the end of the script.
    public mutating func enqueue(_ input: Input) {
        pending.append(input)
    }

    /// Marks the backend started.
    public mutating func start() throws {
        isStarted = true
    }

    /// Marks the backend stopped.
    public mutating func stop() {
        if isStarted { stopCount += 1 }
        isStarted = false
    }

    /// Whether a key was read after the script was used up (the run was ended by a Ctrl-C the script did not have).
    public private(set) var ranOut = false

    /// Records the frame.
    public mutating func draw(_ grid: Grid) {
        frames.append(grid)
    }

    /// Returns the next scripted key, applying a scripted resize first; nil for a scripted timeout; Ctrl-C once the script is done.
    public mutating func readKey(timeout: Duration?) -> Key? {
        guard !pending.isEmpty else {
            ranOut = true
            return .interrupt
        }
        switch pending.removeFirst() {
        case .key(let key):
            return key
        case .resize(let newSize):
            size = newSize
            return .resize
        case .timeout:
            return nil
        }
    }
}
