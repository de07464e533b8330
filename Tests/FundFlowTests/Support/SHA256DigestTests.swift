import Foundation
import Testing
@testable import FundFlow
@testable import FundFlowCase

@Suite struct SHA256DigestTests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func knownVectors(text: String, hex: String) {
        #expect(SHA256Digest.hex(text) == hex)
    }

    /// A file larger than one read chunk (1 MiB) and not a multiple of it: a million `a` twice
    /// over plus `abc` — checked against the digest of the same bytes in one piece.
    @Test func aFileReadInChunksHashesAsItsBytes() throws {
        let path = NSTemporaryDirectory() + "fundflow-sha256-\(getpid()).txt"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let text = String(repeating: "a", count: 2_000_000) + "abc"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let hashed = try #require(SHA256Digest.file(path))
        #expect(hashed.bytes == 2_000_003)
        #expect(hashed.hex == SHA256Digest.hex(text))
        let million = String(repeating: "a", count: 1_000_000)
        #expect(SHA256Digest.hex(million) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
