/// `rejected.csv`: every rejected row with its file, line, column and reason.
public enum RejectedRowsCSV {
    /// The CSV text (`file,line,column,reason,row`).
    public static func text(_ rows: [RejectedRow]) -> String {
        var writer = CSVWriter(header: ["file", "line", "column", "reason", "row"])
        for row in rows {
            writer.appendRow([row.file, String(row.line), row.column ?? "", row.reason, row.text])
        }
        return writer.text
    }
}
