/// A score or rate in 0…1 with three decimals (`0.957`), for outputs that must not depend on
/// the platform's float formatting.
public func threeDecimals(_ value: Double) -> String {
    let thousandths = Int((value * 1000).rounded())
    let fraction = thousandths % 1000
    return "\(thousandths / 1000)." + (fraction < 10 ? "00" : fraction < 100 ? "0" : "") + "\(fraction)"
}
