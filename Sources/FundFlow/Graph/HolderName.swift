extension TransferGraph {
    /// The holder name an account's transfers give it: the `from_name` of its first outgoing
    /// transfers and the `to_name` of its first incoming ones (statements' 户名 and 对手户名 are
    /// read into these by side), the first unmasked one (`张*` is masked), else a masked one;
    /// nil when the data names no holder. The one lookup behind charts, `freeze.csv`,
    /// `flagged.csv`, the report and the source-of-funds checks.
    public func holderName(of account: AccountID) -> String? {
        var masked: String?
        for t in outgoing(account).prefix(8) {
            if let name = attributes.value("from_name", row: Int(t)), !name.isEmpty {
                if !name.utf8.contains(UInt8(ascii: "*")) { return name }
                masked = masked ?? name
            }
        }
        for t in incoming(account).prefix(8) {
            if let name = attributes.value("to_name", row: Int(t)), !name.isEmpty {
                if !name.utf8.contains(UInt8(ascii: "*")) { return name }
                masked = masked ?? name
            }
        }
        return masked
    }
}
