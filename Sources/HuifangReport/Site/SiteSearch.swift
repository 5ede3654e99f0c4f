import HuifangCore

/// The site's search page: the only page with a script. The index (every project, visit,
/// issue, improvement measure and risk of the site, and each section of each case analysis, as
/// `huifang search --in cases` cuts them: kind, id, title, text, date, page) is JSON
/// written into the page itself (a page opened from file:// may not fetch another file), and
/// the script matches a query the way `huifang search` does (`Search`): Chinese cut into
/// overlapping two-character terms, other words lower-cased; a record matches when it holds one
/// of the query's terms, ranked by the same score, then newest first. `search.html#q=...` (or
/// `?q=`) searches on opening.
public enum SiteSearch {
    /// The index entries: `[kind, id, title, text, date, href]`; the hrefs from the site's root
    /// (a repository's pages under `input.base`), the ids after the repository's name in a site
    /// over several repositories.
    static func entries(_ input: SiteInput, _ ix: SiteIndex) -> [[String]] {
        let r = input.context.records
        let L = input.context.labels
        let base = input.base
        let name = input.repository.map { $0 + "/" } ?? ""
        var out: [[String]] = []
        out.reserveCapacity(r.projects.count + r.visits.count + r.issues.count + r.improvements.count + r.risks.count)
        for p in r.projects {
            out.append(["project", p.id.rawValue, p.name, p.customer.name + " " + p.owner, p.accepted?.description ?? "", SiteBuilder.projectPath(p.id)])
        }
        for v in r.visits {
            out.append(["visit", v.id.rawValue, v.summary, (v.quotes + v.needs + v.competitors).joined(separator: " "), v.date.description,
                        SiteBuilder.projectPath(v.project)])
        }
        for i in r.issues + r.withdrawnIssues {
            let notes = i.history.compactMap(\.note) + [i.currentResolution?.summary].compactMap { $0 }
            out.append(["issue", i.id.rawValue, i.title, notes.joined(separator: " "), i.raised.description, SiteBuilder.issuePath(i.id.rawValue)])
            // The case analysis, a section at a time (as `huifang search --in cases`): a hit
            // names the section it is in and leads to the issue's page, which shows the text.
            if let file = i.caseAnalysis, let text = input.caseAnalyses[file] {
                for (section, body) in CaseAnalysis.sections(text) where !body.isEmpty {
                    out.append(["case", i.id.rawValue, i.title + " · " + L["search.field." + section.rawValue], body, i.raised.description,
                                SiteBuilder.issuePath(i.id.rawValue)])
                }
            }
        }
        for m in r.improvements {
            let first = m.addresses.first { ix.hasIssue($0.rawValue) }
            out.append(["improvement", m.id.rawValue, m.title, m.expectedEffect + " " + (m.verified?.result ?? ""), m.due.description,
                        first.map { SiteBuilder.issuePath($0.rawValue) } ?? "index.html"])
        }
        for k in r.risks {
            out.append(["risk", k.id.rawValue, k.title, k.plan, k.raised.description, SiteBuilder.projectPath(k.project)])
        }
        if base.isEmpty && name.isEmpty { return out }
        let shown = input.idPrefix.isEmpty ? name : input.idPrefix
        for n in out.indices {
            out[n][1] = (out[n][0] == "project" ? shown : name) + out[n][1]
            if out[n][5] != "index.html" { out[n][5] = base + out[n][5] }
        }
        return out
    }

    /// The index entries of `input`'s records as the JSON text of an array's elements (no
    /// brackets; empty when there are none), safe inside a `<script>` element: a site over
    /// several repositories keeps each repository's entries as text while the next is read.
    public static func entriesJSON(_ input: SiteInput) -> String { entriesJSON(input, SiteIndex(input.context.records)) }

    static func entriesJSON(_ input: SiteInput, _ ix: SiteIndex) -> String {
        let text = scriptJSON(.array(entries(input, ix).map(JSONValue.strings)))
        return String(text.dropFirst().dropLast())
    }

    /// JSON text that is safe inside a `<script>` element: '<' escaped, so that no record text
    /// can close the element.
    static func scriptJSON(_ v: JSONValue) -> String {
        var text = v.render()
        return text.withUTF8 { bytes in
            guard bytes.contains(UInt8(ascii: "<")) else { return String(decoding: bytes, as: UTF8.self) }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 64)
            for b in bytes {
                if b == UInt8(ascii: "<") { out += Array("\\u003c".utf8) } else { out.append(b) }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    static func page(_ input: SiteInput, _ ix: SiteIndex) -> [UInt8] {
        let (doc, after) = parts(input.context.labels, index: scriptJSON(.array(entries(input, ix).map(JSONValue.strings))))
        return Array(SiteBuilder.render(doc, input, ix, up: "", after: after).utf8)
    }

    /// The search page's document and what follows it (the form, the index, the script);
    /// `index`: the JSON array of the entries, as `scriptJSON` makes it.
    static func parts(_ L: Catalogue, index: String) -> (ReportDocument, String) {
        let words = JSONValue.object([
            ("project", .string(L["project"])), ("visit", .string(L["site.kind.visit"])), ("issue", .string(L["site.kind.issue"])),
            ("improvement", .string(L["site.kind.improvement"])), ("risk", .string(L["site.kind.risk"])),
            ("case", .string(L["search.field.case_analysis"])),
            ("count", .string(L["site.search.count"])), ("none", .string(L["site.search.none"])), ("more", .string(L["site.search.more"])),
        ])
        var doc = ReportDocument(title: L["site.search.title"], subtitle: "", language: L.language)
        doc.blocks.append(.paragraph(L["site.search.hint"]))
        let h = HTMLRenderer.escape
        let after = """
            <form id="search-form" role="search" style="margin:12px 0">\
            <input id="q" name="q" type="search" aria-label="\(h(L["site.search.title"]))" style="font-size:16px;padding:4px 8px;width:60%">\
            <button type="submit" style="font-size:16px;padding:4px 12px;margin-left:8px">\(h(L["site.search.button"]))</button></form>
            <p id="search-status"></p>
            <ol id="search-results"></ol>
            <script type="application/json" id="search-index">\(index)</script>
            <script type="application/json" id="search-words">\(scriptJSON(words))</script>
            <script>\(script)</script>

            """
        return (doc, after)
    }

    /// The matching of `Search` (HuifangCore) in JavaScript.
    static let script = #"""
        (function () {
        "use strict";
        var data = JSON.parse(document.getElementById("search-index").textContent);
        var words = JSON.parse(document.getElementById("search-words").textContent);
        var limit = 200;
        function isCJK(v) {
          return (v >= 0x3400 && v <= 0x4DBF) || (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0xF900 && v <= 0xFAFF) ||
            (v >= 0x3040 && v <= 0x30FF) || (v >= 0xAC00 && v <= 0xD7A3) || (v >= 0x20000 && v <= 0x3FFFD);
        }
        var wordChar = /[\p{Alphabetic}\p{N}]/u;
        function terms(text) {
          var out = [], run = [], runStart = 0, word = "", wordStart = 0, offset = 0;
          function flushCJK() {
            if (run.length === 1) out.push({key: run[0], start: runStart, end: runStart + 1, cjk: true});
            for (var i = 0; run.length > 1 && i + 1 < run.length; i++) out.push({key: run[i] + run[i + 1], start: runStart + i, end: runStart + i + 2, cjk: true});
            run = [];
          }
          function flushWord() {
            if (word) out.push({key: word, start: wordStart, end: offset, cjk: false});
            word = "";
          }
          for (var ch of text) {
            if (isCJK(ch.codePointAt(0))) {
              flushWord();
              if (!run.length) runStart = offset;
              run.push(ch);
            } else if (wordChar.test(ch)) {
              flushCJK();
              if (!word) wordStart = offset;
              var fw = ch.codePointAt(0);  // ＥＲＰ, ２０２６: the ASCII letters and digits (as huifang search)
              if ((fw >= 0xFF10 && fw <= 0xFF19) || (fw >= 0xFF21 && fw <= 0xFF3A) || (fw >= 0xFF41 && fw <= 0xFF5A)) ch = String.fromCharCode(fw - 0xFEE0);
              word += ch.toLowerCase();
            } else {
              flushCJK();
              flushWord();
            }
            offset++;
          }
          flushCJK();
          flushWord();
          return out;
        }
        function prepare(text) {
          var t = terms(text), keys = [], chars = [], singles = [];
          t.forEach(function (x) { if (keys.indexOf(x.key) < 0) keys.push(x.key); if (x.cjk && x.end - x.start === 1) singles.push(x.key); });
          for (var ch of text) if (isCJK(ch.codePointAt(0)) && chars.indexOf(ch) < 0) chars.push(ch);
          return {terms: t, keys: keys, chars: chars, singles: singles};
        }
        function phraseEnd(q, found, i) {
          var k = i;
          for (var j = 1; j < q.length; j++) {
            if (q[j].cjk && q[j - 1].cjk && q[j].start === q[j - 1].start + 1) {
              k++;
              if (k >= found.length || found[k].start !== found[k - 1].start + 1) return -1;
            } else {
              var end = found[k].end;
              k++;
              while (k < found.length && found[k].start < end) k++;
              if (k >= found.length) return -1;
            }
            if (found[k].key !== q[j].key) return -1;
          }
          return k;
        }
        function score(q, text) {
          if (!text) return 0;
          var found = terms(text), hits = found.filter(function (t) { return q.keys.indexOf(t.key) >= 0; });
          // A character the query has alone stands in the text's pairs too (as huifang search).
          var single = {};
          if (q.singles.length) found.forEach(function (t) {
            if (t.cjk && t.end - t.start === 2) Array.from(t.key).forEach(function (c, k) {
              if (q.singles.indexOf(c) >= 0 && !single[t.start + k]) { single[t.start + k] = true; hits.push({key: c, start: t.start + k, end: t.start + k + 1, cjk: true}); }
            });
          });
          hits.sort(function (a, b) { return a.start - b.start || a.end - b.end; });
          if (!hits.length) return 0;
          var hitKeys = [];
          hits.forEach(function (h) { if (hitKeys.indexOf(h.key) < 0) hitKeys.push(h.key); });
          var termShare = hitKeys.length / q.keys.length, charShare = termShare;
          if (q.chars.length) {
            var n = 0;
            q.chars.forEach(function (c) { if (text.indexOf(c) >= 0) n++; });
            charShare = n / q.chars.length;
          }
          var inOrder = 0, after = -1;
          q.terms.forEach(function (t) {
            var next = hits.find(function (h) { return h.key === t.key && h.start > after; });
            if (next) { inOrder++; after = next.start; }
          });
          var phrase = q.terms.length === 1 && q.singles.length === 1;
          for (var i = 0; i < found.length && !phrase; i++) if (found[i].key === q.terms[0].key && phraseEnd(q.terms, found, i) >= 0) phrase = true;
          return Math.floor(50 * termShare + 20 * charShare + 10 * inOrder / q.terms.length + (phrase ? 20 : 0) + 1e-9);
        }
        function query() {
          var h = location.hash.replace(/^#/, ""), s = location.search.replace(/^\?/, "");
          var m = /(?:^|&)q=([^&]*)/.exec(h) || /(?:^|&)q=([^&]*)/.exec(s);
          if (!m) return "";
          try { return decodeURIComponent(m[1].replace(/\+/g, " ")); } catch (e) { return m[1]; }
        }
        function show(text) {
          var status = document.getElementById("search-status"), list = document.getElementById("search-results");
          document.getElementById("q").value = text;
          list.textContent = "";
          status.textContent = "";
          var q = prepare(text);
          if (!q.keys.length) return;
          var hits = [];
          data.forEach(function (e) {
            var s = Math.max(score(q, e[1] + " " + e[2]), score(q, e[3]));
            if (s > 0) hits.push({s: s, e: e});
          });
          hits.sort(function (a, b) { return b.s - a.s || (a.e[4] < b.e[4] ? 1 : a.e[4] > b.e[4] ? -1 : 0); });
          status.textContent = hits.length ? words.count.replace("{count}", String(hits.length)) : words.none;
          hits.slice(0, limit).forEach(function (h) {
            var li = document.createElement("li"), a = document.createElement("a");
            li.className = "hit";
            a.href = h.e[5];
            a.textContent = h.e[1] + " " + h.e[2];
            li.appendChild(document.createTextNode("[" + (words[h.e[0]] || h.e[0]) + "] "));
            li.appendChild(a);
            li.appendChild(document.createTextNode(" " + h.e[4] + (h.e[3] ? " — " + h.e[3] : "")));
            list.appendChild(li);
          });
          if (hits.length > limit) status.textContent += " " + words.more.replace("{count}", String(limit));
        }
        document.getElementById("search-form").addEventListener("submit", function (ev) {
          ev.preventDefault();
          location.hash = "q=" + encodeURIComponent(document.getElementById("q").value);
        });
        window.addEventListener("hashchange", function () { show(query()); });
        show(query());
        })();
        """#
}
