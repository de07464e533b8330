/// The page of `fundflow serve`: our own HTML, CSS and JavaScript, served by the binary (no CDN,
/// no network). Every value from the data is put into the page with `textContent` or as an
/// attribute value, never as markup, so hostile ids render verbatim.
enum WebApp {
    /// Headers for the page and its assets: no framing, no sniffing, scripts only from here.
    static let securityHeaders: [(String, String)] = [
        ("Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
    ]

    static func page(token: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="fundflow-token" content="\(attribute(token))">
        <title>fundflow</title><link rel="stylesheet" href="app.css"></head>
        <body><header><a href="#/" class="brand">fundflow</a>
        <form id="search"><input id="q" type="search" placeholder="account id or holder name" autocomplete="off"><button>Search</button></form></header>
        <main id="main"><p class="muted">Loading the case…</p></main>
        <script src="app.js"></script></body></html>
        """
    }

    /// `text` safe inside a double-quoted HTML attribute.
    static func attribute(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(c)
            }
        }
        return out
    }
}
