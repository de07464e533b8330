/// The fixtures' local time, +08:00 (China Standard Time): their files write times without a
/// zone, and `IngestOptions` reads them at this offset unless told otherwise.
let cst = 8 * 3600
