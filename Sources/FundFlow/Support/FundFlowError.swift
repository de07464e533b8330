/// An error for a person: its description says what is wrong and where — the file, line and
/// column of an input, the key of a rules file, the option — and the command line prints it as
/// it is (`fundflow: …`) and exits with code 2. Every error the library throws at a user is one.
public protocol FundFlowError: Error, CustomStringConvertible {}

extension IngestError: FundFlowError {}
extension RulesError: FundFlowError {}
extension AnnotationError: FundFlowError {}
extension OutputDirectory.Problem: FundFlowError {}
extension FileOutput.WriteError: FundFlowError {}
extension RenderError: FundFlowError {}
extension NeighbourhoodChartError: FundFlowError {}
extension TimeParseError: FundFlowError {}
extension AmountError: FundFlowError {}
extension SimulationError: FundFlowError {}
