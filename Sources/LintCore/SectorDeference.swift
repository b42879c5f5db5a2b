/// How a cross-sector claim rule (`sectors: [all]`) gives way to the rules of a sector
/// (issue 13, "claims first"): the sector decides which law a finding cites and its severity,
/// never whether the claim is seen. The rule runs on every document; on a document of one of
/// these sectors its finding is dropped where a rule of that sector reports an overlapping
/// span, and otherwise stays, with the sector's law named in a note.
public struct SectorDeference: Sendable, Hashable, Codable {
    /// `defers-to:`: sectors whose products may not make the claim either, under their own
    /// law (food under 食安法 §28, cosmetics under 化粧品衛生安全管理法 §10). The rule's finding
    /// keeps its severity where no rule of the sector reports the claim.
    public var defersTo: [Sector]
    /// `may-be-lawful-in:`: sectors where the claim can be lawful: by a licence (a licensed
    /// drug's approved indication, a medical institution describing its services, a device
    /// within its licence) or by the sector's officially allowed phrases (食品 附件一/二,
    /// 化粧品 附件二), which only the sector's own rules know. Their rules decide as with
    /// `defersTo`; where none reports the claim the finding is info ("check the licence or
    /// the allowed phrases"), never a warning, unless the document is also of a `defersTo`
    /// sector.
    public var mayBeLawfulIn: [Sector]

    public init(defersTo: [Sector] = [], mayBeLawfulIn: [Sector] = []) {
        self.defersTo = defersTo
        self.mayBeLawfulIn = mayBeLawfulIn
    }

    public static let none = SectorDeference()

    public var isEmpty: Bool { defersTo.isEmpty && mayBeLawfulIn.isEmpty }

    /// Every sector whose rules decide.
    public var sectors: [Sector] { defersTo + mayBeLawfulIn }
}
