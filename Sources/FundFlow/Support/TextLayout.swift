/// Small text helpers shared by the rules parser, the reports and the Graphviz error capture.
extension StringProtocol {
    /// Without leading and trailing spaces, tabs and line ends.
    var trimmingSpaces: String {
        func blank(_ c: Character) -> Bool { c == " " || c == "\t" || c == "\r" || c == "\n" || c == "\r\n" }
        var s = Substring(self)
        while let first = s.first, blank(first) { s = s.dropFirst() }
        while let last = s.last, blank(last) { s = s.dropLast() }
        return String(s)
    }
}

extension String {
    /// The string padded with spaces to `width` characters (on the left when `right`).
    func padding(_ width: Int, right: Bool = false) -> String {
        let pad = String(repeating: " ", count: max(0, width - count))
        return right ? pad + self : self + pad
    }
}
