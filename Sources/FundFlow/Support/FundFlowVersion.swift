/// The version of fundflow.
public enum FundFlowVersion {
    /// The version string, e.g. `0.1.0`.
    public static let string = "0.1.0"
}
