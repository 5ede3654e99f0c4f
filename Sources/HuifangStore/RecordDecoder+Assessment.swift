import HuifangCore
import HuifangYAML

/// huifang.yaml's `assessment:` section (docs/KPIS.md, "Assessment"). Its problems are errors that
/// `check` reports, but they do not make huifang.yaml unreadable: every other command goes on,
/// and `report assessment` refuses while there is one (`AssessmentConfig.problems`).
extension RecordDecoder {
    func assessment(_ map: YAMLNode, departments declaredDepartments: [String]) -> (AssessmentConfig, [Finding]) {
        var a = AssessmentConfig()
        var out: [Finding] = []
        func error(_ message: String, _ mark: Mark, _ hint: String? = nil, code: Finding.Code? = nil, values: [String: String] = [:]) {
            out.append(Finding(path: path, line: mark.line, column: mark.column, message: message, hint: hint, code: code, values: values))
        }
        // Where a value stands, for the coded messages: the company's indicator or a department's.
        func place(_ indicator: String, _ department: String?) -> [String: String] {
            ["indicator": indicator, "department": department ?? ""]
        }
        guard let section = map["assessment"], !section.isNull else { return (a, []) }
        a.configured = true
        guard let pairs = section.pairs else {
            error("'assessment' is \(section.kindDescription), not a mapping", section.start,
                  "write indicators: (and optionally departments:, review_share:) under assessment:")
            a.problems = out.count
            return (a, out)
        }
        let names = AssessmentIndicator.allCases.map(\.rawValue)
        // One indicator's target, floor and weight as written.
        func values(_ node: YAMLNode, _ indicator: AssessmentIndicator, where what: String, department: String? = nil) -> AssessmentConfig.Override? {
            guard let fields = node.pairs else {
                error("\(what) is \(node.kindDescription), not a mapping", node.start, "write {target: 90%, weight: 25}")
                return nil
            }
            var o = AssessmentConfig.Override()
            for f in fields {
                switch f.key {
                case "target", "floor":
                    guard let v = Self.indicatorValue(f.value.scalar, indicator) else {
                        error("\(what): \(f.key) '\(f.value.scalar ?? f.value.kindDescription)' is not \(Self.expected(indicator))",
                              f.value.start, code: department == nil ? .assessmentBadValue : .assessmentBadValueDept,
                              values: place(indicator.rawValue, department).merging(
                                  ["key": f.key, "value": f.value.scalar ?? f.value.kindDescription, "unit": "\(indicator.unit)"]) { a, _ in a })
                        continue
                    }
                    if f.key == "target" { o.target = v } else { o.floor = v }
                case "weight":
                    guard let s = f.value.scalar, let w = Double(s), w.isFinite, w >= 0 else {
                        error("\(what): weight '\(f.value.scalar ?? f.value.kindDescription)' is not a number of 0 or more", f.value.start,
                              "weights sum to 1 or to 100", code: department == nil ? .assessmentBadWeight : .assessmentBadWeightDept,
                              values: place(indicator.rawValue, department).merging(["value": f.value.scalar ?? f.value.kindDescription]) { a, _ in a })
                        continue
                    }
                    o.weight = w
                default:
                    let near = RecordKeys.nearest(f.key, among: RecordKeys.assessmentIndicator)
                    error("unknown key '\(f.key)' in \(what)\(near.map { "; did you mean '\($0)'?" } ?? "")", f.keyStart,
                          "an indicator takes target, floor and weight")
                }
            }
            return o
        }
        // Targets on the right side of floors, weights that add up.
        func checkRules(_ rules: [IndicatorRule], at mark: Mark, _ what: String, _ marks: [AssessmentIndicator: Mark],
                        only own: [AssessmentIndicator: AssessmentConfig.Override]? = nil, department: String? = nil) {
            // A department's check looks at its own values only: the company's are checked once.
            for r in rules where own.map({ $0[r.indicator].map { $0.target != nil || $0.floor != nil } ?? false }) ?? true {
                let wrong = r.indicator.lowerIsBetter ? r.floor <= r.target : r.floor >= r.target
                if wrong {
                    error("\(what)\(r.indicator.rawValue): floor \(Self.show(r.floor, r.indicator)) is not "
                          + "\(r.indicator.lowerIsBetter ? "above" : "below") target \(Self.show(r.target, r.indicator))",
                          marks[r.indicator] ?? mark,
                          r.indicator.lowerIsBetter ? "\(r.indicator.rawValue) is better when lower: its floor (score 0) lies above its target"
                              : "the floor is where the score reaches 0: below the target",
                          code: r.indicator.lowerIsBetter ? (department == nil ? .assessmentFloorTargetLower : .assessmentFloorTargetLowerDept)
                              : (department == nil ? .assessmentFloorTarget : .assessmentFloorTargetDept),
                          values: place(r.indicator.rawValue, department).merging(
                              ["floor": Self.show(r.floor, r.indicator), "target": Self.show(r.target, r.indicator),
                              ]) { a, _ in a })
                }
            }
            if own.map({ $0.values.contains { $0.weight != nil } }) ?? true, !AssessmentConfig.weightsAddUp(rules.map(\.weight)) {
                let sum = rules.map(\.weight).reduce(0, +)
                error("\(what)weights sum to \(ReportedNumber.text(sum)), not 1 or 100", mark,
                      "give each indicator's weight so that they sum to 1 (0.25 each) or to 100 (25 each)",
                      code: department == nil ? .assessmentWeightsSum : .assessmentWeightsSumDept, values: ["sum": ReportedNumber.text(sum), "department": department ?? ""])
            }
        }

        var indicatorMarks: [AssessmentIndicator: Mark] = [:]
        var indicatorsMark = section.start
        for pair in pairs {
            switch pair.key {
            case "indicators":
                indicatorsMark = pair.keyStart
                guard let items = pair.value.pairs, !items.isEmpty else {
                    error("'indicators' is \(pair.value.pairs == nil ? pair.value.kindDescription : "empty"), not a mapping of indicators",
                          pair.value.start, "known indicators: \(names.joined(separator: ", "))")
                    continue
                }
                var rules: [IndicatorRule] = []
                for item in items {
                    guard let indicator = AssessmentIndicator(rawValue: item.key) else {
                        let near = RecordKeys.nearest(item.key, among: names)
                        error("unknown indicator '\(item.key)'\(near.map { "; did you mean '\($0)'?" } ?? "")", item.keyStart,
                              "known indicators: \(names.joined(separator: ", "))",
                              code: near == nil ? .assessmentUnknownIndicator : .assessmentUnknownIndicatorNear,
                              values: ["indicator": item.key, "near": near ?? "", "known": names.joined(separator: ", ")])
                        continue
                    }
                    if rules.contains(where: { $0.indicator == indicator }) {
                        error("indicator '\(item.key)' is listed twice", item.keyStart, code: .assessmentIndicatorTwice,
                              values: ["indicator": item.key])
                        continue
                    }
                    guard let o = values(item.value, indicator, where: "indicator '\(item.key)'") else { continue }
                    guard let w = o.weight else {
                        error("indicator '\(item.key)' has no weight", item.keyStart, "give it one: {target: ..., weight: 25}",
                              code: .assessmentNoWeight, values: ["indicator": item.key])
                        continue
                    }
                    indicatorMarks[indicator] = item.keyStart
                    rules.append(IndicatorRule(indicator, target: o.target, floor: o.floor, weight: w))
                }
                if !rules.isEmpty { a.rules = rules }
            case "departments":
                guard let depts = pair.value.pairs else {
                    error("'departments' is \(pair.value.kindDescription), not a mapping", pair.value.start,
                          "write departments: {DEPT: {INDICATOR: {target: ...}}}")
                    continue
                }
                for d in depts {
                    guard let items = d.value.pairs else {
                        error("department '\(d.key)' is \(d.value.kindDescription), not a mapping of indicators", d.value.start)
                        continue
                    }
                    var own: [AssessmentIndicator: AssessmentConfig.Override] = [:]
                    for item in items {
                        guard let indicator = AssessmentIndicator(rawValue: item.key) else {
                            let near = RecordKeys.nearest(item.key, among: names)
                            error("unknown indicator '\(item.key)'\(near.map { "; did you mean '\($0)'?" } ?? "")", item.keyStart,
                                  "known indicators: \(names.joined(separator: ", "))",
                                  code: near == nil ? .assessmentUnknownIndicator : .assessmentUnknownIndicatorNear,
                                  values: ["indicator": item.key, "near": near ?? "", "known": names.joined(separator: ", ")])
                            continue
                        }
                        if let o = values(item.value, indicator, where: "department '\(d.key)', indicator '\(item.key)'", department: d.key) {
                            own[indicator] = o
                        }
                    }
                    a.departments[d.key] = own
                }
            case "review_share":
                guard let s = pair.value.scalar, let v = Self.percent(s) else {
                    error("review_share '\(pair.value.scalar ?? pair.value.kindDescription)' is not a percentage such as 50%", pair.value.start,
                          "the reviewed score's share in report_quality; the rest is the record completeness")
                    continue
                }
                a.reviewShare = v
            default:
                let near = RecordKeys.nearest(pair.key, among: RecordKeys.assessment)
                out.append(Finding(.warning, path: path, line: pair.keyStart.line, column: pair.keyStart.column,
                                   message: "unknown key '\(pair.key)' in 'assessment'\(near.map { "; did you mean '\($0)'?" } ?? "")",
                                   hint: "the keys are indicators, departments and review_share"))
            }
        }
        checkRules(a.rules, at: indicatorsMark, "", indicatorMarks)
        // Each department's own values: known department, indicators in use, same checks.
        for d in (section["departments"]?.pairs ?? []) {
            guard let own = a.departments[d.key] else { continue }
            if !declaredDepartments.contains(d.key) {
                error("unknown department '\(d.key)' in 'assessment'", d.keyStart,
                      "known: \(declaredDepartments.joined(separator: ", "))", code: .assessmentUnknownDepartment,
                      values: ["department": d.key, "known": declaredDepartments.joined(separator: ", ")])
            }
            var marks: [AssessmentIndicator: Mark] = [:]
            for item in d.value.pairs ?? [] {
                guard let i = AssessmentIndicator(rawValue: item.key) else { continue }
                marks[i] = item.keyStart
                if own[i] != nil, !a.rules.contains(where: { $0.indicator == i }) {
                    error("department '\(d.key)': indicator '\(item.key)' is not among the indicators used", item.keyStart,
                          "add it under assessment.indicators, or remove it here", code: .assessmentIndicatorUnused,
                          values: ["department": d.key, "indicator": item.key])
                }
            }
            checkRules(a.rules(for: d.key), at: d.keyStart, "department '\(d.key)': ", marks, only: own, department: d.key)
        }
        a.problems = out.filter { $0.severity == .error }.count
        return (a, out)
    }

    /// A target or floor as huifang.yaml writes it: a rate as `95%` or a fraction `0.95`, NPS in
    /// points, overdue visits as a whole number; nil when it is not one or out of range.
    static func indicatorValue(_ text: String?, _ indicator: AssessmentIndicator) -> Double? {
        guard let text else { return nil }
        let v: Double?
        switch indicator.unit {
        case .rate: v = percent(text) ?? Double(text).flatMap { $0 <= 1 ? $0 : nil }
        case .points: v = Double(text)
        case .count: v = Int(text).map(Double.init)
        }
        guard let v, v.isFinite, indicator.range.contains(v) else { return nil }
        return v
    }

    /// `95%` or `92.5%` as a fraction.
    static func percent(_ text: String) -> Double? {
        guard text.hasSuffix("%"), let n = Double(text.dropLast()), n.isFinite, (0...100).contains(n) else { return nil }
        return n / 100
    }

    static func expected(_ indicator: AssessmentIndicator) -> String {
        switch indicator.unit {
        case .rate: "a percentage from 0% to 100% (95%, or the fraction 0.95)"
        case .points: "NPS points from -100 to 100"
        case .count: "a whole number of 0 or more"
        }
    }

    static func show(_ v: Double, _ indicator: AssessmentIndicator) -> String {
        indicator.unit == .rate ? ReportedNumber.text(v * 100) + "%" : ReportedNumber.text(v)
    }
}

/// Numbers in messages: whole numbers without decimals, others with up to 4.
enum ReportedNumber {
    static func text(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int(v)) }
        var s = String((v * 10_000).rounded() / 10_000)
        while s.hasSuffix("0") { s.removeLast() }
        return s
    }
}
