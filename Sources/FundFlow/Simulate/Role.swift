/// The role of an account in a simulated case (the `role` column of `truth.csv`).
public enum Role: String, CaseIterable, Sendable, Codable {
    // Background population and the legitimate look-alikes.
    case person, employer, client, employee, salaryCashout = "salary_cashout", shop, supplier, family, landlord, tenant
    // Victims (not gang side).
    case victim
    // Gang side.
    case firstLevel = "first_level", qrMerchant = "qr_merchant", tier, splitter, collector, consolidation, mule
    case victimMule = "victim_mule", layering

    /// Whether the account belongs to the laundering side (what detection should flag).
    public var isGangSide: Bool {
        switch self {
        case .firstLevel, .qrMerchant, .tier, .splitter, .collector, .consolidation, .mule, .victimMule, .layering: return true
        default: return false
        }
    }

    /// Whether the role is a legitimate look-alike of a laundering pattern (must not be flagged).
    public var isLookAlike: Bool {
        switch self {
        case .employer, .salaryCashout, .shop, .family, .landlord, .supplier, .client: return true
        default: return false
        }
    }
}
