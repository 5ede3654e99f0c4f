extension YAMLEditor {
    /// Sets `key` of the mapping that is item `index` of the list under the top-level `listKey`
    /// (`visits` of a plan): an existing value is replaced where it stands; a missing key goes at
    /// the end of the item (`, key: value` before a flow mapping's `}`, a line at the item's
    /// indentation in a block mapping). The rest of the file stays byte-for-byte.
    public mutating func set(_ key: String, to value: YAMLValue, inItem index: Int, of listKey: String) throws(YAMLError) {
        guard let list = root[listKey], case .sequence(let items) = list.content, items.indices.contains(index), let pairs = items[index].pairs else {
            throw YAMLError("no mapping at '\(listKey)[\(index)]'", at: root.start)
        }
        let map = items[index]
        guard let pair = pairs.first(where: { $0.key == key }) else {
            try insert(key, value, into: map, order: [])
            return
        }
        let v = pair.value
        let newText = YAMLWriter.inline(value)
        if v.isNull && v.start.index == v.end.index {
            let at = offset(of: pair.keyEnd)
            let colon = at < bytes.count && bytes[at] == UInt8(ascii: ":") ? at + 1 : at
            try splice(colon..<colon, with: Array((" " + newText).utf8))
        } else if v.scalar != nil || v.isFlow {
            try splice(offset(of: v.start)..<offset(of: v.end), with: Array(newText.utf8))
        } else {
            try splice(offset(of: pair.keyEnd)..<offset(of: v.contentEnd), with: Array((": " + newText).utf8))
        }
    }
}
