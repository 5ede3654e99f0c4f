/// "1 day", "2 days": a count of days as a sentence says it.
func dayCount(_ n: Int) -> String { n == 1 || n == -1 ? "\(n) day" : "\(n) days" }
