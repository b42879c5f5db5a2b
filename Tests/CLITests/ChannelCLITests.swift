import Foundation
import Testing
import TestSupport

/// The sales channel from the command line, the config and the copy (issue 13, item 6): a
/// return policy that says nothing about how it sells is read as distance selling, and the
/// finding says that it assumed so.
@Suite struct ChannelCLITests {
    static let policy = "福袋及特價品項，恕不退換。\n"

    @Test func anUnsaidChannelIsAssumedOnlineAndNoted() throws {
        let out = try CLI.run(["check", "-", "--format", "json", "--no-config"], stdin: Self.policy)
        #expect(out.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        let finding = try #require((json["findings"] as? [[String: Any]])?.first { $0["ruleId"] as? String == "consumer-protection.no-return" })
        let notes = try #require(finding["notes"] as? [String])
        #expect(notes.first?.contains("依預設視為網路") == true)
        let human = try CLI.run(["check", "-", "--no-color", "--no-config"], stdin: Self.policy)
        #expect(human.stdout.contains("= note: 文案未表明銷售通路"))
    }

    @Test func aStoreChannelFromTheFlagOrTheConfigTurnsDistanceDutiesOff() throws {
        let flag = try CLI.run(["check", "-", "--channel", "store", "--no-config"], stdin: Self.policy)
        #expect(flag.status == 0)
        #expect(!flag.stdout.contains("consumer-protection.no-return"))

        let folder = TestSupport.temporaryFolder()
        defer { TestSupport.remove(folder) }
        try TestSupport.write([".adlaw.yml": "version: 1\nchannel: store\n", "policy.txt": Self.policy], in: folder)
        let config = try CLI.run(["check", "policy.txt"], directory: folder)
        #expect(config.status == 0)
        // The flag wins over the config.
        let both = try CLI.run(["check", "policy.txt", "--channel", "online"], directory: folder)
        #expect(both.status == 1)
        #expect(both.stdout.contains("consumer-protection.no-return"))
    }

    @Test func anUnknownChannelIsAUsageError() throws {
        let out = try CLI.run(["check", "-", "--channel", "shop", "--no-config"], stdin: Self.policy)
        #expect(out.status == 2)
        #expect(out.stderr.contains("unknown channel `shop`"))
        #expect(out.stderr.contains("online, store"))
    }
}
